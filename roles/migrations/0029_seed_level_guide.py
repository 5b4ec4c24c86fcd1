"""Seed "Which level do you need?": six questions from the distinctions the seed text draws between
a VP and a Director of Operations (../shared/seed/000_beec7f6daaf8d367.txt, "The Distinction
Between VP of Operations and Director of Operations in Business"), each answer pointing to a level
with a weight and the reason shown with the recommendation. HR admins may edit them in the admin
(roles/groups.py gives HR admins the guide's permissions; this migration did until issue 24).
The questions and answers are in data/0029_level_guide.json.
"""

from django.db import migrations

from roles import seeding

DATA = "0029_level_guide.json"


def seed(apps, schema_editor):
    seeding.load(apps, DATA)


def unseed(apps, schema_editor):
    seeding.unload(apps, DATA)


class Migration(migrations.Migration):
    dependencies = [("roles", "0028_level_guide")]

    operations = [migrations.RunPython(seed, unseed)]

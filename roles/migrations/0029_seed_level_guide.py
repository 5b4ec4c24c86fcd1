"""Seed "Which level do you need?": six questions from the distinctions the seed text draws between
a VP and a Director of Operations (../shared/seed/000_beec7f6daaf8d367.txt, "The Distinction
Between VP of Operations and Director of Operations in Business"), each answer pointing to a level
with a weight and the reason shown with the recommendation. HR admins may edit them in the admin.
The questions and answers are in data/0029_level_guide.json.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from roles import seeding

DATA = "0029_level_guide.json"


def seed(apps, schema_editor):
    seeding.load(apps, DATA)


CODENAMES = [
    f"{action}_{model}"
    for model in ("levelguidequestion", "levelguideanswer")
    for action in ("add", "change", "delete", "view")
]


def seed_and_grant(apps, schema_editor):
    seed(apps, schema_editor)
    app_config = apps.get_app_config("roles")
    app_config.models_module = True  # permissions are normally created after all migrations
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    give(apps)


def give(apps):
    """HR admins keep the guide in the admin, as the other guidance data (the permissions must
    exist)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    admins = Group.objects.filter(name="HR admins").first()
    if admins:
        admins.permissions.add(
            *Permission.objects.filter(content_type__app_label="roles", codename__in=CODENAMES)
        )


def unseed(apps, schema_editor):
    seeding.unload(apps, DATA)


class Migration(migrations.Migration):
    dependencies = [("roles", "0028_level_guide")]

    operations = [migrations.RunPython(seed_and_grant, unseed)]

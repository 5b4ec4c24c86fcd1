"""Seed the role library with the two operations leadership roles.

Grounded in the source material on how a VP and a Director of Operations differ: the VP owns
company-wide strategy, operational policy, budgets and resources, and aligns with the CEO, CFO and
other executives; the Director runs the day-to-day operations of a department or division,
production processes, KPI monitoring and bottleneck fixes, and communication inside the team.
The content lives in data/0002_role_templates.json, frozen, not in app code, so this migration
means the same thing forever.
"""

from django.db import migrations

from roles import seeding

DATA = "0002_role_templates.json"


def seed(apps, schema_editor):
    seeding.load(apps, DATA)


def unseed(apps, schema_editor):
    seeding.unload(apps, DATA)


class Migration(migrations.Migration):
    dependencies = [("roles", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]

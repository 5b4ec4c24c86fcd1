"""The level guide answers for the Manager level (issue #25), from
data/0049_level_guide_manager.json: each of the six questions gets an answer pointing to the
Manager, third after the VP's and the Director's; the released "not sure" answers move to the end
where they are still as released (an answer an admin has edited keeps its place, and then the
Manager's answer for that question is not added). Skipped where 0044 could not add the Manager
level."""

from django.db import migrations

from roles import seeding


def seed(apps, schema_editor):
    level = apps.get_model("roles", "Level").objects.filter(slug="manager", name="Manager")
    if level.exists():
        seeding.load(apps, "0049_level_guide_manager.json")


def unseed(apps, schema_editor):
    answer = apps.get_model("roles", "LevelGuideAnswer")
    answer.objects.filter(level__slug="manager", position=3).delete()
    answer.objects.filter(level=None, position=5).update(position=3)


class Migration(migrations.Migration):
    dependencies = [("roles", "0048_atlantic_pay_rules")]

    operations = [migrations.RunPython(seed, unseed)]

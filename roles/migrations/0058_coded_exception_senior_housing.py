"""Another sense of a coded word (issue #25), from data/0058_coded_exception_senior_housing.json:
"independent living" is a kind of senior housing, not a trait of the person wanted (found on the
evaluation corpus's tune split, a senior living community's Director). Added only where no
exception of that wording exists. The guidance stamp moves, and every live draft's stored count
is recounted after the migrate."""

from django.db import migrations

from roles import seeding


def seed(apps, schema_editor):
    seeding.load(apps, "0058_coded_exception_senior_housing.json")
    seeding.move_guidance_stamp(apps)


def unseed(apps, schema_editor):
    seeding.unload(apps, "0058_coded_exception_senior_housing.json")


class Migration(migrations.Migration):
    recounts_findings = True

    dependencies = [("roles", "0057_level_dismissals_carry_over")]

    operations = [migrations.RunPython(seed, unseed)]

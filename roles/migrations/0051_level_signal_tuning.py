"""Level signals tuned on the corpus's tune split (issue #25), from
data/0051_level_signal_tuning.json and data/0051_manager_signal.json: "site directors" and "plant directors" weigh nothing (they
matched the title of the person a role reports to, "the Plant Director", not a remit of leading
Directors: "lead directors" still says that), "general managers" weighs half (a Director works
with a unit's general manager too), and "supervise" is a Manager's everyday word (only where 0044
added the Manager level). Only rows still as released are changed; the stamp moves and stored
counts are recounted after the migrate."""

from django.db import migrations

from roles import seeding


def seed(apps, schema_editor):
    seeding.load(apps, "0051_level_signal_tuning.json")
    if apps.get_model("roles", "Level").objects.filter(slug="manager", name="Manager").exists():
        seeding.load(apps, "0051_manager_signal.json")
    seeding.move_guidance_stamp(apps)


def unseed(apps, schema_editor):
    seeding.unload(apps, "0051_manager_signal.json")


class Migration(migrations.Migration):
    recounts_findings = True

    dependencies = [("roles", "0050_currency_rate")]

    operations = [migrations.RunPython(seed, unseed)]

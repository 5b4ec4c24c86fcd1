"""Newfoundland and Labrador, Nova Scotia and New Brunswick as advice (issue #26): no pay law for
postings was found in force there (checked 2026-12-03, data/0048_atlantic_pay_rules.json, each
row citing what was seen); a posting there gets the best-practice hint, never "required"."""

from django.db import migrations

from roles import seeding


def seed(apps, schema_editor):
    seeding.load(apps, "0048_atlantic_pay_rules.json")
    seeding.move_guidance_stamp(apps)


def unseed(apps, schema_editor):
    seeding.unload(apps, "0048_atlantic_pay_rules.json")


class Migration(migrations.Migration):
    # The rules changed: the stored finding counts are recounted after migrate.
    recounts_findings = True

    dependencies = [("roles", "0047_guidance_terms")]

    operations = [migrations.RunPython(seed, unseed)]

"""The seeded pay rules quote the law (issue #26), from data/0053_pay_rule_law_words.json: per
item, the law's own words and section where they were seen on an official or regulator page (or
a named copy of the text), each with the date it was seen; which postings each law covers, with
its source (Colorado, New York, New York City, Westchester, Illinois, Vermont, Maryland, DC and
New Jersey internal ones too; Hawaii, Cleveland, Columbus, Ontario, British Columbia and Prince
Edward Island public ones only); Washington's one-figure allowance dated from 2025-07-27 (SSB
5408) and California's good-faith estimate from 2026-01-01 (SB 642); and facts-checked
2026-12-02 on the rules still dated 2026-11-30 (the issue's row-by-row check of the thirty
seeded rules). Only rows still as seeded change; the guidance stamp moves."""

from django.db import migrations

from roles import seeding


def seed(apps, schema_editor):
    seeding.load(apps, "0053_pay_rule_law_words.json")
    seeding.move_guidance_stamp(apps)


class Migration(migrations.Migration):
    # The rules changed (which postings they cover): stored finding counts are recounted.
    recounts_findings = True

    dependencies = [("roles", "0052_pay_rule_law_words")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

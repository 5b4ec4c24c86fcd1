"""The pay rules' facts corrected (issue #26), from data/0042_pay_rule_corrections.json: what each
rule can now say (who is counted, which postings, remote reach, items' own dates, advice items),
the corrections checked on 2026-12-02 (DC, Ithaca, Colorado, Massachusetts, Maine, Columbus,
Hawaii, California's SB 642, New Jersey, Westchester, the EU directive), and rows of their own
for the EU member states with a law in force (Lithuania, Italy, Malta, Slovakia, Poland), each
citing its source. A rule an admin has edited keeps the edit: a correction is written only where
the row still holds the released values (the admin's rules page lists rules that differ from
the seed). The guidance stamp moves, so every process reads the rules again."""

from django.db import migrations

from roles import seeding


def seed(apps, schema_editor):
    seeding.load(apps, "0042_pay_rule_corrections.json")
    seeding.move_guidance_stamp(apps)


def unseed(apps, schema_editor):
    # The new member-state rows go; the corrected rows keep their corrections (a correction is
    # not undone by going back a migration: the released values were wrong).
    seeding.unload(apps, "0042_pay_rule_corrections.json")


class Migration(migrations.Migration):
    dependencies = [("roles", "0041_pay_rule_model")]
    # The rules changed: every live draft's stored finding count is recounted after migrate
    # (roles.services.guidance.recount_after_migrate).
    recounts_findings = True

    operations = [migrations.RunPython(seed, unseed)]

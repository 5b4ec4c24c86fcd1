"""Ontario's and Toledo's own words (issue #26), from
data/0055_pay_rule_law_words_ontario_toledo.json: Ontario's four posting items in the words of
the province's guide to the Employment Standards Act (the regulator's, said as such), and
Toledo Municipal Code § 768.02(c) on the pay scale given on request after a conditional offer.
Only rows still without words change; the stamp moves."""

from django.db import migrations

from roles import seeding


def seed(apps, schema_editor):
    seeding.load(apps, "0055_pay_rule_law_words_ontario_toledo.json")
    seeding.move_guidance_stamp(apps)


class Migration(migrations.Migration):
    dependencies = [("roles", "0054_pay_rule_law_words_more")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

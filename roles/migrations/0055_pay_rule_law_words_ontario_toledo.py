"""Ontario's and Toledo's own words (issue #26), from
data/0055_pay_rule_law_words_ontario_toledo.json: Ontario's four posting items in the words of
the province's guide to the Employment Standards Act (the regulator's, said as such), and
Toledo Municipal Code § 768.02(c) on the pay scale given on request after a conditional offer.
Only rows still without words change; the stamp moves."""

import secrets

from django.db import migrations

from roles import seeding


def seed(apps, schema_editor):
    seeding.load(apps, "0055_pay_rule_law_words_ontario_toledo.json")
    stamp = apps.get_model("roles", "GuidanceStamp")
    if not stamp.objects.filter(pk=1).update(token=secrets.token_hex(16)):
        stamp.objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("roles", "0054_pay_rule_law_words_more")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

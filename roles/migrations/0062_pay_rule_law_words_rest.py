"""The law's own words for more of the seeded pay rules (issue #26), from
data/0062_pay_rule_law_words_rest.json, each seen on 2026-12-03 where its cite says:
California's Labor Code § 432.3(c)(3) (on a copy of the code), Ithaca's and Massachusetts' in
the words of the City's FAQ and of the Attorney General (said as such), Directive (EU) 2023/970
Art. 5(1) and 5(3) (the Official Journal's text, on a copy), Illinois' definition of "pay scale
and benefits" (820 ILCS 112/5) for its other-compensation and good-faith items, DC's good-faith
sentence (§ 32-1453.01(a)(1)) and Westchester's regulator on good faith and one figure. Only rows
whose words are still as seeded change. The guidance stamp moves so the findings quote them at
once; no finding is added or removed (the words are in a finding's reasons), so nothing is
recounted."""

from django.db import migrations

from roles import seeding


def revise(apps, schema_editor):
    seeding.load(apps, "0062_pay_rule_law_words_rest.json")
    seeding.move_guidance_stamp(apps)


class Migration(migrations.Migration):
    dependencies = [("roles", "0061_plain_words")]

    # Going back keeps the quotations: they say no more than the summaries they stand beside.
    operations = [migrations.RunPython(revise, migrations.RunPython.noop)]

"""Cleveland's pay-range duty in the city's own words (issue #26), from
data/0074_pay_rule_law_words_cleveland.json: the City of Cleveland's page on chapter 669, seen on
2026-12-03, said as such beside the ordinance's citation (the ordinance's own text was not seen).
Connecticut, Virginia and Prince Edward Island were searched for once more: several independent
law-firm, professional-body and news pages agree on each duty, but none quotes the enacted words,
so their findings stay summaries that say so. Only a row whose words are still as seeded changes;
the guidance stamp moves so the findings quote them at once (no finding is added or removed)."""

from django.db import migrations

from roles import seeding


def revise(apps, schema_editor):
    seeding.load(apps, "0074_pay_rule_law_words_cleveland.json")
    seeding.move_guidance_stamp(apps)


class Migration(migrations.Migration):
    dependencies = [("roles", "0073_pay_rule_law_words_quoted")]

    # Going back keeps the quotation: it says no more than the summary it stands beside.
    operations = [migrations.RunPython(revise, migrations.RunPython.noop)]

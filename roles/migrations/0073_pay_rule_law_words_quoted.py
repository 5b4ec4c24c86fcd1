"""The law's own words for more of the seeded pay rules (issue #26), from
data/0073_pay_rule_law_words_quoted.json, each seen on 2026-12-03 where its cite says: Lithuania's
Labour Code Art. 25(6) in the amending law's own Lithuanian (the Register of Legal Acts);
Minnesota's § 181.173, Delaware's § 709C, Columbus's chapter 2335 and Maine's LD 54 in the words
law-firm and journal pages quote from them, said as such with the primary citation kept. The
other rules still without words (Connecticut, Virginia, Cleveland, Prince Edward Island,
Cincinnati, Italy, Malta, Poland, Slovakia and the three Atlantic provinces; Ontario's range
width) were searched for and their words were not seen quoted: they stay summaries. Only rows
whose words are still as seeded change. The guidance stamp moves so the findings quote them at
once; no finding is added or removed (the words are in a finding's reasons), so nothing is
recounted."""

from django.db import migrations

from roles import seeding


def revise(apps, schema_editor):
    seeding.load(apps, "0073_pay_rule_law_words_quoted.json")
    seeding.move_guidance_stamp(apps)


class Migration(migrations.Migration):
    dependencies = [("roles", "0072_jobdescription_publish_on_careers_page")]

    # Going back keeps the quotations: they say no more than the summaries they stand beside.
    operations = [migrations.RunPython(revise, migrations.RunPython.noop)]

"""More of the pay rules' own words and postings sources (issue #26), from
data/0054_pay_rule_law_words_more.json: Nevada's NRS 613.133(2)(a) and Rhode Island's rule
260-RICR-30-05-8.8.2(C) on when the range is given; Ontario's exclusion of postings restricted to
existing employees, now cited from O. Reg. 476/24 on ontario.ca; Virginia's and Prince Edward
Island's postings sources named. Only rows still as 0053 left them change; the stamp moves."""

from django.db import migrations

from roles import seeding


def seed(apps, schema_editor):
    seeding.load(apps, "0054_pay_rule_law_words_more.json")
    seeding.move_guidance_stamp(apps)


class Migration(migrations.Migration):
    dependencies = [("roles", "0053_pay_rule_law_words_data")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

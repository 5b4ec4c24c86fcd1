"""New Jersey's words (issue #26), from data/0056_pay_rule_law_words_new_jersey.json: the
Department of Labor's own sentence on N.J.S.A. 34:6B-23 for the range, benefits and other
compensation (the regulator's words, said as such), and its words on which postings the law
covers in place of the law-firm pages. Only the row as 0053 left it changes; the stamp moves."""

from django.db import migrations

from roles import seeding


def seed(apps, schema_editor):
    seeding.load(apps, "0056_pay_rule_law_words_new_jersey.json")
    seeding.move_guidance_stamp(apps)


class Migration(migrations.Migration):
    dependencies = [("roles", "0055_pay_rule_law_words_ontario_toledo")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

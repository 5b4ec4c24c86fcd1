"""Revise the two seeded templates where they trip the guidance checks, so that a fresh draft of
either opens with no findings:

- gender-coded words that a neutral word says as well (Gaucher, Friesen & Kay 2011: 13
  masculine-coded words in the VP template, "leaders", "leading", "decisions", "Lead" becoming
  "managers", "running", "choices", "Direct"; in the Director's, two "lead" and one
  "committed"), leaving both templates with no coded words;
- sentences over 30 words, split in two;
- a required degree without "or equivalent experience" (VP);
- the posting details a complete job description needs: each template gets a pay band (the
  role's range, copied into every new draft), a general description of benefits and other pay,
  and a work location (hybrid, Chicago, IL: Illinois asks for the pay range and benefits, which
  the template now gives).

A text is changed only while it is still exactly as 0002 seeded it: an HR admin's own edit is kept.
data/0017_template_revisions.json holds each text as seeded and as revised, the pay band only
where the template has none, and the location only where it has none.
"""

from django.db import migrations

from roles import seeding


def revise(apps, schema_editor):
    seeding.load(apps, "0017_template_revisions.json")


class Migration(migrations.Migration):
    dependencies = [("roles", "0016_seed_guidance_data")]

    operations = [migrations.RunPython(revise, migrations.RunPython.noop)]

"""Levels become rows: the two the product has always had, and the executive level above them that
"reports to" names (CEO, COO), each with its signals.

Source of every signal: ../shared/seed/000_beec7f6daaf8d367.txt ("The Distinction Between VP of
Operations and Director of Operations in Business"), quoted in each explanation. The VP's scope is
executive and company-wide: "the entire operational structure", "developing and implementing
operational policies", "managing budgets and resources", "collaborating with other senior
executives", liaising with "the CEO, CFO, and other department heads". The Director's is "a
particular department or division": "hands-on", "day-to-day operations", "overseeing production
processes, monitoring key performance indicators, identifying bottlenecks", and "strong
communication channels within their department or team". Signals name concepts, not the seed's
sentences: they are matched on word stems in any order (roles.checks.text), so paraphrases match.

The levels and signals are in data/0012_levels.json.
"""

from django.db import migrations

from roles import seeding


def seed(apps, schema_editor):
    seeding.load(apps, "0012_levels.json")


class Migration(migrations.Migration):
    dependencies = [("roles", "0011_guidance_and_posting")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

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
"""

from django.db import migrations

SEED = "Seed: VP vs Director of Operations"

LEVELS = [
    # slug, name, rank, title words, shortest and longest KPI review that fit the horizon
    (
        "executive",
        "Chief executive",
        90,
        "Chief, CEO, COO, CFO, CTO, President, Founder, Owner, Managing Director",
        "monthly",
        "annually",
    ),
    ("vp", "Vice President", 70, "VP, Vice President, SVP, EVP", "monthly", "annually"),
    ("director", "Director", 60, "Director, Head of", "weekly", "quarterly"),
]

VP_SIGNALS = [
    ("company-wide", "company-wide scope: “the entire operational structure of the organization”"),
    (
        "across the company",
        "company-wide scope: “the entire operational landscape of the business”",
    ),
    ("entire organization", "company-wide scope: “the entire operational structure”"),
    (
        "whole organization",
        "company-wide scope: “a ripple effect throughout the entire organization”",
    ),
    ("enterprise", "enterprise-wide scope belongs to the executive level"),
    ("operating model", "the shape of all operations: “the entire operational structure”"),
    ("operating structure", "“overseeing the entire operational structure of the organization”"),
    ("operations strategy", "“formulating and executing strategic plans” is the VP's"),
    ("strategic plan", "“formulating and executing strategic plans” is the VP's"),
    ("operational policy", "“developing and implementing operational policies”"),
    ("operations budget", "“managing budgets and resources” across the company"),
    ("capital plan", "allocating the company's resources: “managing budgets and resources”"),
    ("capital allocation", "allocating the company's resources: “managing budgets and resources”"),
    ("across divisions", "resources across the company, not one division"),
    ("every division", "resources across the company, not one division"),
    ("all divisions", "resources across the company, not one division"),
    ("all sites", "the whole operational landscape, not one site"),
    ("multi-site", "the whole operational landscape, not one site"),
    ("CEO", "“liaise with key stakeholders, such as the CEO, CFO”"),
    ("CFO", "“liaise with key stakeholders, such as the CEO, CFO”"),
    ("board", "executive-level accountability to the board"),
    ("executive team", "“collaborating with other senior executives”"),
    ("senior executives", "“collaborating with other senior executives”"),
    ("senior leadership team", "“sits at the executive level within a company's hierarchy”"),
    ("overarching vision", "“align operational strategies with the company's overarching vision”"),
    ("multi-year roadmap", "a strategic horizon of years, not weeks"),
]

DIRECTOR_SIGNALS = [
    ("day-to-day", "“managing day-to-day operations within a particular department or division”"),
    ("daily", "day-to-day operations: “a more hands-on approach”"),
    ("hands-on", "“a more hands-on approach to managing day-to-day operations”"),
    ("department", "“within a particular department or division”"),
    ("departmental", "“within a particular department or division”"),
    ("the division", "one “particular department or division”"),
    ("production process", "“overseeing production processes”"),
    ("production line", "“overseeing production processes”"),
    ("shop floor", "hands-on management where the work is done"),
    ("floor", "hands-on management where the work is done"),
    ("shift", "day-to-day running of the operation, shift by shift"),
    ("huddle", "“strong communication channels within their department or team”"),
    ("stand-up", "“strong communication channels within their department or team”"),
    ("within the team", "“communication channels within their department or team”"),
    ("front-line", "hands-on management of the people doing the work"),
    ("supervisors", "hands-on management of the people doing the work"),
    ("monitor KPIs", "“monitoring key performance indicators”"),
    ("bottleneck", "“identifying bottlenecks and implementing solutions”"),
    (
        "root cause",
        "“implementing solutions to enhance operational efficiency at a more granular level”",
    ),
    ("standard work", "efficiency “at a more granular level”"),
    ("standard operating procedures", "efficiency “at a more granular level”"),
    ("changeover", "“overseeing production processes”"),
    ("scheduling", "“overseeing production processes”"),
    ("throughput", "“targeted improvements” to productivity in their area"),
    ("cycle time", "“targeted improvements” to productivity in their area"),
    ("scrap", "“targeted improvements” at a granular level"),
]


def seed(apps, schema_editor):
    Level = apps.get_model("roles", "Level")
    LevelSignal = apps.get_model("roles", "LevelSignal")
    levels = {}
    for slug, name, rank, title_words, shortest, longest in LEVELS:
        levels[slug] = Level.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "rank": rank,
                "title_words": title_words,
                "shortest_cadence": shortest,
                "longest_cadence": longest,
            },
        )[0]
    for slug, signals in (("vp", VP_SIGNALS), ("director", DIRECTOR_SIGNALS)):
        for phrase, explanation in signals:
            LevelSignal.objects.get_or_create(
                level=levels[slug],
                phrase=phrase,
                defaults={"explanation": explanation, "source": SEED},
            )


class Migration(migrations.Migration):
    dependencies = [("roles", "0011_guidance_and_posting")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

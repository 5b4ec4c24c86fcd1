"""Seed "Which level do you need?": six questions from the distinctions the seed text draws between
a VP and a Director of Operations (../shared/seed/000_beec7f6daaf8d367.txt, "The Distinction
Between VP of Operations and Director of Operations in Business"), each answer pointing to a level
with a weight and the reason shown with the recommendation. HR admins may edit them in the admin.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SEED = "Seed text, “The Distinction Between VP of Operations and Director of Operations”"

#: (question, help, source section, [(answer, level slug or None, weight, reason)])
QUESTIONS = [
    (
        "What will the person run?",
        "Think of the whole remit on their first day, not where it may grow.",
        f"{SEED}: Defining the Roles",
        [
            (
                "The entire operational structure of the organisation",
                "vp",
                3,
                "They run the entire operational structure: a VP's scope.",
            ),
            (
                "The operations of one department, division or site",
                "director",
                3,
                "Their scope is one department or division: a Director's.",
            ),
            ("Some of each, or not sure yet", None, 0, ""),
        ],
    ),
    (
        "Who will they report to?",
        "",
        f"{SEED}: Defining the Roles (executive level, or a level below)",
        [
            (
                "The CEO, or the COO",
                "vp",
                2,
                "They report to the chief executive: an executive-level role.",
            ),
            (
                "A VP of Operations or another executive",
                "director",
                2,
                "They report to an executive, a level below the executive team.",
            ),
            ("Not decided", None, 0, ""),
        ],
    ),
    (
        "Whose budget and resources will they own?",
        "",
        f"{SEED}: Key Responsibilities (managing budgets and resources)",
        [
            (
                "Company-wide budgets and resources",
                "vp",
                2,
                "They own company-wide budgets and resources.",
            ),
            (
                "Their department's or division's budget",
                "director",
                2,
                "They own a department's budget, within the company's plan.",
            ),
            ("Neither, or not sure", None, 0, ""),
        ],
    ),
    (
        "What will take most of their time?",
        "",
        f"{SEED}: Key Responsibilities",
        [
            (
                "Setting operational policy and strategy",
                "vp",
                3,
                "They set operational policy and strategy.",
            ),
            (
                "Running day-to-day operations and production processes",
                "director",
                3,
                "They run day-to-day operations and production processes, hands-on.",
            ),
            ("About equally both", None, 0, ""),
        ],
    ),
    (
        "How far ahead will they plan?",
        "",
        f"{SEED}: Impact on Business Performance (ripple effect, or targeted improvements)",
        [
            (
                "Years: multi-year plans that shape the company's growth",
                "vp",
                2,
                "Their horizon is years: strategy with a ripple effect across the company.",
            ),
            (
                "Weeks and months: this quarter's targets and bottlenecks",
                "director",
                2,
                "Their horizon is weeks and months: targeted improvements in their area.",
            ),
            ("Not sure", None, 0, ""),
        ],
    ),
    (
        "Who will their peers be?",
        "",
        f"{SEED}: Collaboration and Communication",
        [
            (
                "The CEO, the CFO and other senior executives",
                "vp",
                2,
                "Their peers are the CEO, the CFO and senior executives.",
            ),
            (
                "Department heads and their own team",
                "director",
                2,
                "They work with department heads and their own team.",
            ),
            ("Both, about equally", None, 0, ""),
        ],
    ),
]


def seed(apps, schema_editor):
    Question = apps.get_model("roles", "LevelGuideQuestion")
    Answer = apps.get_model("roles", "LevelGuideAnswer")
    Level = apps.get_model("roles", "Level")
    levels = set(Level.objects.values_list("slug", flat=True))
    for position, (text, help_text, source, answers) in enumerate(QUESTIONS, start=1):
        question, _ = Question.objects.update_or_create(
            position=position,
            defaults={"text": text, "help_text": help_text, "source": source},
        )
        for answer_position, (answer, level, weight, reason) in enumerate(answers, start=1):
            Answer.objects.update_or_create(
                question=question,
                position=answer_position,
                defaults={
                    "text": answer,
                    "level_id": level if level in levels else None,
                    "weight": weight,
                    "reason": reason,
                },
            )


CODENAMES = [
    f"{action}_{model}"
    for model in ("levelguidequestion", "levelguideanswer")
    for action in ("add", "change", "delete", "view")
]


def seed_and_grant(apps, schema_editor):
    seed(apps, schema_editor)
    app_config = apps.get_app_config("roles")
    app_config.models_module = True  # permissions are normally created after all migrations
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    give(apps)


def give(apps):
    """HR admins keep the guide in the admin, as the other guidance data (the permissions must
    exist)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    admins = Group.objects.filter(name="HR admins").first()
    if admins:
        admins.permissions.add(
            *Permission.objects.filter(content_type__app_label="roles", codename__in=CODENAMES)
        )


def unseed(apps, schema_editor):
    apps.get_model("roles", "LevelGuideQuestion").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("roles", "0028_level_guide")]

    operations = [migrations.RunPython(seed_and_grant, unseed)]

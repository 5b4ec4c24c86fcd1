"""HR admins keep the guidance data in the admin (levels and their signals, the word lists, the pay
rules) and the role templates' work locations: add, change, delete and view, like the templates."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = (
    "level",
    "levelsignal",
    "gendercodedword",
    "gendercodedexception",
    "languageterm",
    "paytransparencyrule",
    "templateworklocation",
)
CODENAMES = [
    f"{action}_{model}" for model in MODELS for action in ("add", "change", "delete", "view")
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("roles")
    app_config.models_module = True  # permissions are normally created after all migrations
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    give(apps)


def give(apps):
    """Give HR admins the permissions (which must exist)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="roles", codename__in=CODENAMES)
    Group.objects.get(name="HR admins").permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="HR admins").first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="roles", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [("roles", "0019_jobposting_education_and_experience")]

    operations = [migrations.RunPython(grant, revoke)]

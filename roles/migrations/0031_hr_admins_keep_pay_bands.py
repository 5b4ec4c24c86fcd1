"""HR admins keep the pay bands per level in the admin, as the other guidance data."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [f"{action}_payband" for action in ("add", "change", "delete", "view")]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("roles")
    app_config.models_module = True  # permissions are normally created after all migrations
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    give(apps)


def give(apps):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    admins = Group.objects.filter(name="HR admins").first()
    if admins:
        admins.permissions.add(
            *Permission.objects.filter(content_type__app_label="roles", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [("roles", "0030_pay_bands")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

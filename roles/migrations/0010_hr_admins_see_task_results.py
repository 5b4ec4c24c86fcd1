"""HR admins see the background task results in the admin (what ran, what failed and why):
read-only, as django-tasks-db's admin allows no changes anyway."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSION = ("django_tasks_database", "view_dbtaskresult")


def grant(apps, schema_editor):
    app_config = apps.get_app_config(PERMISSION[0])
    app_config.models_module = True  # permissions are normally created after all migrations
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    give(apps)


def give(apps):
    """Give HR admins the permission (which must exist)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label=PERMISSION[0], codename=PERMISSION[1]
    )
    Group.objects.get(name="HR admins").permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(
        content_type__app_label=PERMISSION[0], codename=PERMISSION[1]
    ).first()
    group = Group.objects.filter(name="HR admins").first()
    if permission and group:
        group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0009_worker_heartbeat"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

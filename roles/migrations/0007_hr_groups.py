"""The three kinds of HR user, as groups with their permissions.

- HR staff: sign in and work on their own drafts (no model permission needed).
- HR managers: also read every draft of the organisation (preview and PDF), never edit them.
- HR admins: keep the role templates and the organisation profile in the Django admin (members
  also need "staff status" to reach the admin).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = {
    "HR staff": [],
    "HR managers": ["read_all_jobdescriptions"],
    "HR admins": [
        f"{action}_{model}"
        for model in (
            "roletemplate",
            "templateresponsibility",
            "templatekpi",
            "templatequalification",
        )
        for action in ("view", "add", "change", "delete")
    ]
    + ["view_organisationprofile", "change_organisationprofile"],
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    assign_groups(apps)


def assign_groups(apps):
    """Create the groups and give them their permissions (which must exist)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(
            content_type__app_label="roles", codename__in=codenames
        )
        assert permissions.count() == len(codenames), (name, codenames)
        group.permissions.set(permissions)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("roles", "0006_read_all_permission"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]

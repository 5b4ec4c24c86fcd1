"""The "Reviewers" group: people who may be asked to review and approve job descriptions (the CEO,
the CFO, a VP of Operations for a Director's). HR managers may review too. Reviewers read the JDs
they are asked to review, nothing else. HR admins read the audit trail and the approvals in the
admin (which nobody may change there)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REVIEW = "review_jobdescription"
ADMIN_VIEWS = ["view_auditentry", "view_approval"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("roles")
    app_config.models_module = True  # permissions are normally created after all migrations
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    give(apps)


def give(apps):
    """Make the group and give it, and HR managers, the review permission (which must exist)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    review = Permission.objects.get(content_type__app_label="roles", codename=REVIEW)
    reviewers, _ = Group.objects.get_or_create(name="Reviewers")
    reviewers.permissions.add(review)
    managers = Group.objects.filter(name="HR managers").first()
    if managers:
        managers.permissions.add(review)
    admins = Group.objects.filter(name="HR admins").first()
    if admins:
        admins.permissions.add(
            *Permission.objects.filter(content_type__app_label="roles", codename__in=ADMIN_VIEWS)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name="Reviewers").delete()
    managers = Group.objects.filter(name="HR managers").first()
    if managers:
        managers.permissions.remove(*managers.permissions.filter(codename=REVIEW))


class Migration(migrations.Migration):
    dependencies = [("roles", "0024_review_and_approval")]

    operations = [migrations.RunPython(grant, revoke)]

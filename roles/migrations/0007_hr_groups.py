"""The three kinds of HR user, as groups with their permissions: HR staff, HR managers and HR
admins. This migration created them and granted their permissions until issue 24; roles/groups.py
declares them now, with who each is for, and gives them their permissions after every migrate.
It stays, empty, because every database has it applied and later migrations depend on it.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("roles", "0006_read_all_permission"),
    ]

    operations = []

"""HR admins see the background task results in the admin (what ran, what failed and why):
read-only, as django-tasks-db's admin allows no changes anyway. Granted here until issue 24; the
permission is declared in roles/groups.py now, and this migration stays, empty, for the ones that
depend on it.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0009_worker_heartbeat"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = []

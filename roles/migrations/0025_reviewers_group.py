"""The "Reviewers" group: people who may be asked to review and approve job descriptions (the CEO,
the CFO, a VP of Operations for a Director's). HR managers may review too. Reviewers read the JDs
they are asked to review, nothing else. HR admins read the audit trail and the approvals in the
admin (which nobody may change there). Created and granted here until issue 24; roles/groups.py
declares all of it now, and this migration stays, empty, for the ones that depend on it.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("roles", "0024_review_and_approval")]

    operations = []

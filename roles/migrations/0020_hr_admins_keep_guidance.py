"""HR admins keep the guidance data in the admin (levels and their signals, the word lists, the pay
rules) and the role templates' work locations: add, change, delete and view, like the templates.
Granted here until issue 24; the permissions are declared in roles/groups.py now, and this
migration stays, empty, for the ones that depend on it.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("roles", "0019_jobposting_education_and_experience")]

    operations = []

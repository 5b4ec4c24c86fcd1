"""HR admins keep the pay bands per level in the admin, as the other guidance data. Granted here
until issue 24; the permissions are declared in roles/groups.py now, and this migration stays,
empty, for the ones that depend on it.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("roles", "0030_pay_bands")]

    operations = []

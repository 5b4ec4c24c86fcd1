# Placeholder: the share-link token hashing fills this in (hardening, issue 23).
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("roles", "0034_level_rank_in_family")]

    operations = []

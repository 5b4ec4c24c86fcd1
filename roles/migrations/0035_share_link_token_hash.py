"""Share links keep the SHA-256 of their token, not the token (hardening, issue 23).

The links made before keep working: their tokens are hashed here, then the token column goes.
Going back cannot bring the old tokens back: each link gets a new random token (the old
addresses stop working; the page lists the new ones again)."""

import hashlib
import secrets

from django.db import migrations, models

PREFIX_LENGTH = 6  # SHARE_TOKEN_PREFIX_LENGTH as this migration was written


def hash_tokens(apps, schema_editor):
    ShareLink = apps.get_model("roles", "ShareLink")
    links = list(ShareLink.objects.only("pk", "token"))
    for link in links:
        link.token_hash = hashlib.sha256(link.token.encode()).hexdigest()
        link.token_prefix = link.token[:PREFIX_LENGTH]
    ShareLink.objects.bulk_update(links, ["token_hash", "token_prefix"], batch_size=500)


def new_tokens(apps, schema_editor):
    ShareLink = apps.get_model("roles", "ShareLink")
    links = list(ShareLink.objects.only("pk"))
    for link in links:
        link.token = secrets.token_urlsafe(32)
    ShareLink.objects.bulk_update(links, ["token"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("roles", "0034_level_rank_in_family")]

    operations = [
        migrations.AddField(
            model_name="sharelink",
            name="token_hash",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.AddField(
            model_name="sharelink",
            name="token_prefix",
            field=models.CharField(default="", editable=False, max_length=PREFIX_LENGTH),
            preserve_default=False,
        ),
        # Not unique and nullable before it goes, so that going back can add it empty and fill
        # it (new_tokens) before making it unique again.
        migrations.AlterField(
            model_name="sharelink",
            name="token",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(hash_tokens, new_tokens),
        migrations.RemoveField(model_name="sharelink", name="token"),
        migrations.AlterField(
            model_name="sharelink",
            name="token_hash",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
    ]

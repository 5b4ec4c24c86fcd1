"""Break-glass accounts (issue #28, item 2): the one table `manage.py break_glass` writes, and the
security log's new kinds (break-glass use, grant and revocation; password sign-in refused while
local sign-in is off; password reset by e-mail)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0063_scim_directory"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="securityevent",
            name="kind",
            field=models.CharField(
                choices=[
                    ("signed_in", "Signed in"),
                    ("sign_in_failed", "Sign-in failed"),
                    ("locked_out", "Locked out"),
                    ("signed_out", "Signed out"),
                    ("factor_added", "Second factor added"),
                    ("factor_removed", "Second factor removed"),
                    ("recovery_codes_generated", "Recovery codes made anew"),
                    ("password_changed", "Password changed"),
                    ("directory_groups_changed", "Groups changed by the directory"),
                    ("directory_refused", "Refused: no mapped group from the directory"),
                    ("local_signin_refused", "Refused: password sign-in is off"),
                    ("break_glass_used", "Signed in with a break-glass account"),
                    ("break_glass_granted", "Made a break-glass account"),
                    ("break_glass_revoked", "No longer a break-glass account"),
                    ("password_reset_requested", "Password reset e-mail sent"),
                    ("password_reset_refused", "Refused: password reset by e-mail"),
                    ("password_reset", "Password reset by e-mail"),
                ],
                editable=False,
                max_length=40,
            ),
        ),
        migrations.CreateModel(
            name="BreakGlassAccount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "granted_at",
                    models.DateTimeField(default=django.utils.timezone.now, editable=False),
                ),
                ("granted_by", models.CharField(editable=False, max_length=150)),
                (
                    "user",
                    models.OneToOneField(
                        editable=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="break_glass",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["user__username"],
                "verbose_name": "break-glass account",
            },
        ),
    ]

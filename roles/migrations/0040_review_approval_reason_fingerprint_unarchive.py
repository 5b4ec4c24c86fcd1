"""Approval that means something (#27): the reason an approver gave for approving with a required
finding open, the approved PDF's fingerprint in the trail, when a person last cleared the start
page's approvals, and "Unarchive"."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0039_guidance_stamp_token_and_band_check"),
    ]

    operations = [
        migrations.AddField(
            model_name="approval",
            name="open_required_reason",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="fingerprint",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddField(
            model_name="notificationsettings",
            name="approvals_seen_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="action",
            field=models.CharField(
                choices=[
                    ("submit", "Sent for approval"),
                    ("withdraw", "Withdrawn from approval"),
                    ("approve", "Approved"),
                    ("request_changes", "Requested changes"),
                    ("reopen", "Reopened"),
                    ("edit_approved", "Edited after approval"),
                    ("archive", "Archived"),
                    ("hand_over", "Handed over"),
                    ("unarchive", "Unarchived"),
                ],
                max_length=20,
            ),
        ),
    ]

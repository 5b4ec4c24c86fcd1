# The careers page (#29): a JD is published there only when its owner says so, and approved.
# Off for every JD that exists: none was approved with publishing in mind.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0071_webhook_events"),
    ]

    operations = [
        migrations.AddField(
            model_name="jobdescription",
            name="publish_on_careers_page",
            field=models.BooleanField(
                default=False,
                help_text="Once approved, the job is listed on the public careers page, in its "
                "feed for job boards (Indeed) and in its sitemap, as approved, until its closing "
                "date. External postings only. Untick it, or archive the JD, to take the job "
                "down at once.",
                verbose_name="publish on the careers page",
            ),
        ),
        migrations.AddIndex(
            model_name="jobdescription",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True), ("publish_on_careers_page", True)),
                fields=["id"],
                name="jd_careers_idx",
            ),
        ),
    ]

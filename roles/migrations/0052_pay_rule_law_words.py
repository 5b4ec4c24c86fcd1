"""Pay rules quote the law (issue #26): each item's own words and section, and where the law says
which postings it covers. The seeded rules gain them in a data migration after this one."""

from django.db import migrations, models

import roles.models.guidance


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0051_level_signal_tuning"),
    ]

    operations = [
        migrations.AddField(
            model_name="paytransparencyrule",
            name="law_words",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text="Per item, a short quotation of the law as published and its section: {“range”: {“words”: “…”, “cite”: “RCW 49.58.110(1)”}}. An item without one is shown as a summary whose words were not checked.",
                validators=[roles.models.guidance.validate_law_words],
                verbose_name="the law's own words",
            ),
        ),
        migrations.AddField(
            model_name="paytransparencyrule",
            name="postings_source",
            field=models.CharField(
                blank=True,
                help_text="Where the law or its regulator says which postings it covers; blank where the sources are silent (both, internal ones as advice).",
                max_length=200,
                verbose_name="which postings: the source",
            ),
        ),
    ]

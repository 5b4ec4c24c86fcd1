"""What a pay rule can say (issue #26): who is counted, which postings, how far it reaches remote
roles, items with dates of their own or given as advice, enforcement later than the law; the
organisation's head office and per-rule headcounts; the draft's other compensation (yes/no) and
the office a remote role reports to; a ZIP or postal code on work locations.

``covers_remote`` becomes ``remote_reach``: a rule that did not cover remote roles reaches only
its standard work locations ("none"), any other "resident" until its data says otherwise
(migration 0042). Back: "none" is covers_remote False, anything else True."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

import roles.models.guidance


def remote_reach_from_covers_remote(apps, schema_editor):
    rules = apps.get_model("roles", "PayTransparencyRule").objects
    rules.filter(covers_remote=False).update(remote_reach="none")


def covers_remote_from_remote_reach(apps, schema_editor):
    rules = apps.get_model("roles", "PayTransparencyRule").objects
    rules.update(covers_remote=True)
    rules.filter(remote_reach="none").update(covers_remote=False)


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0040_review_approval_reason_fingerprint_unarchive"),
    ]

    operations = [
        migrations.AddField(
            model_name="jobdescription",
            name="other_compensation_offered",
            field=models.CharField(
                blank=True,
                choices=[("yes", "Yes"), ("no", "No")],
                help_text="Bonus, commission or other pay besides the salary. Some laws (Colorado) ask the posting to describe it; “No” needs no description.",
                max_length=4,
                verbose_name="other compensation offered",
            ),
        ),
        migrations.AddField(
            model_name="jobdescription",
            name="reporting_office_region",
            field=models.CharField(
                blank=True,
                help_text="For a remote role: New York and Vermont reach remote roles that report to an office there.",
                max_length=8,
                validators=[
                    django.core.validators.RegexValidator(
                        "^[A-Za-z]{2,3}$", "Enter the state or province code."
                    )
                ],
                verbose_name="reports to an office in (state or province)",
            ),
        ),
        migrations.AddField(
            model_name="organisationprofile",
            name="home_country",
            field=models.CharField(
                blank=True,
                max_length=2,
                validators=[
                    django.core.validators.RegexValidator(
                        "^[A-Z]{2}$", "Enter the country's ISO code (US, CA)."
                    )
                ],
                verbose_name="head office's country",
            ),
        ),
        migrations.AddField(
            model_name="organisationprofile",
            name="home_region",
            field=models.CharField(
                blank=True,
                help_text="Its code (DE, ON). Some pay laws reach remote roles only of employers based there.",
                max_length=8,
                validators=[
                    django.core.validators.RegexValidator(
                        "^[A-Za-z]{2,3}$", "Enter the state or province code."
                    )
                ],
                verbose_name="head office's state or province",
            ),
        ),
        migrations.AddField(
            model_name="paytransparencyrule",
            name="advice_items",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="Items the law leaves unsettled, or asks for outside the posting (before the first interview): shown as advice, never as “required”.",
                validators=[roles.models.guidance.validate_requirements],
                verbose_name="items given as advice",
            ),
        ),
        migrations.AddField(
            model_name="paytransparencyrule",
            name="enforced_from",
            field=models.DateField(
                blank=True, help_text="Where enforcement starts later than the law.", null=True
            ),
        ),
        migrations.AddField(
            model_name="paytransparencyrule",
            name="headcount_counted",
            field=models.CharField(
                choices=[
                    ("total", "All employees, wherever they work"),
                    ("in_place", "Only employees in the place (see the note)"),
                ],
                default="total",
                help_text="Where only employees in the place count, the organisation profile can give that number for this rule; blank there means the threshold is taken as met.",
                max_length=16,
                verbose_name="who is counted",
            ),
        ),
        migrations.AddField(
            model_name="paytransparencyrule",
            name="internal_postings",
            field=models.CharField(
                choices=[
                    ("covered", "Internal postings are covered too"),
                    ("exempt", "Publicly advertised postings only"),
                    ("unknown", "Sources silent: both, as advice for internal ones"),
                ],
                default="unknown",
                help_text="Read against the draft's “posted” field.",
                max_length=16,
                verbose_name="which postings",
            ),
        ),
        migrations.AddField(
            model_name="paytransparencyrule",
            name="item_dates",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text="An item that applies later than the rule, by its own source: {“application_deadline”: “2024-01-01”}.",
                validators=[roles.models.guidance.validate_item_dates],
                verbose_name="items' own dates",
            ),
        ),
        migrations.AddField(
            model_name="paytransparencyrule",
            name="remote_reach",
            field=models.CharField(
                choices=[
                    ("resident", "Remote roles that someone living there could fill"),
                    ("reporting_office", "Remote roles that report to an office there"),
                    ("employer_based", "Remote roles of employers based there"),
                    (
                        "foreseen",
                        "Remote roles where work or supervision there is foreseen (advice)",
                    ),
                    ("unclear", "Remote roles: the sources are silent (advice)"),
                    ("none", "Only jobs whose standard work location is there"),
                ],
                default="resident",
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="templateworklocation",
            name="postal_code",
            field=models.CharField(
                blank=True,
                max_length=10,
                validators=[
                    django.core.validators.RegexValidator(
                        "^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$", "Enter a ZIP or postal code."
                    )
                ],
                verbose_name="ZIP or postal code",
            ),
        ),
        migrations.AddField(
            model_name="worklocation",
            name="postal_code",
            field=models.CharField(
                blank=True,
                max_length=10,
                validators=[
                    django.core.validators.RegexValidator(
                        "^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$", "Enter a ZIP or postal code."
                    )
                ],
                verbose_name="ZIP or postal code",
            ),
        ),
        migrations.AlterField(
            model_name="jobdescription",
            name="audience",
            field=models.CharField(
                choices=[
                    ("external", "External"),
                    ("internal", "Internal"),
                    ("both", "Internal and external"),
                ],
                default="external",
                help_text="Some pay laws cover public postings only, others internal ones too.",
                max_length=16,
                verbose_name="posted",
            ),
        ),
        migrations.AlterField(
            model_name="jobdescription",
            name="posting_date",
            field=models.DateField(
                blank=True,
                help_text="The date of this posting or reposting: pay laws are checked as of it (today if blank), and some (Maryland) apply again to a reposting.",
                null=True,
            ),
        ),
        migrations.CreateModel(
            name="PlaceHeadcount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "employees",
                    models.PositiveIntegerField(
                        help_text="As the rule counts them (see its note)."
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="place_headcounts",
                        to="roles.organisationprofile",
                    ),
                ),
                (
                    "rule",
                    models.ForeignKey(
                        limit_choices_to={"headcount_counted": "in_place"},
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="roles.paytransparencyrule",
                    ),
                ),
            ],
            options={
                "verbose_name": "employees counted by a pay rule",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("organisation", "rule"), name="placeheadcount_one_per_rule"
                    )
                ],
            },
        ),
        migrations.RunPython(remote_reach_from_covers_remote, covers_remote_from_remote_reach),
        migrations.RemoveField(
            model_name="paytransparencyrule",
            name="covers_remote",
        ),
    ]

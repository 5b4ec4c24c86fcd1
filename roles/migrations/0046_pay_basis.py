"""How a draft's pay is earned (issue #26): commission only or tipped, blank for a salary or wage.
New York State, Vermont, Delaware and Maine let a commission-only job say so instead of giving a
range (data/0046_pay_commission.json, each rule's own source as cited in its row): their rules
gain "commission_alternative" where they still hold their released requirements."""

from django.db import migrations, models

from roles import seeding


def seed(apps, schema_editor):
    seeding.load(apps, "0046_pay_commission.json")
    seeding.move_guidance_stamp(apps)


class Migration(migrations.Migration):
    # The rules changed: the stored finding counts are recounted after migrate.
    recounts_findings = True

    dependencies = [
        ("roles", "0045_manager_template"),
    ]

    operations = [
        migrations.AddField(
            model_name="jobdescription",
            name="pay_basis",
            field=models.CharField(
                blank=True,
                choices=[
                    ("commission", "Commission only"),
                    ("tipped", "Tipped: a base wage plus tips"),
                ],
                help_text="Blank: a salary or wage. Some laws (New York, Vermont, Delaware, Maine) let a commission-only job say so instead of giving a range; a tipped job states it and its base wage.",
                max_length=12,
                verbose_name="how the pay is earned",
            ),
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]

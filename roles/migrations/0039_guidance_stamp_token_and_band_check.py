"""The guidance stamp becomes a random token (a counter could repeat after a rolled-back change);
pay bands get a database check that the maximum is not below the minimum (the services keep it
for every write; the constraint catches any other)."""

from django.db import migrations, models

import roles.models.guidance


def refuse_reversed_bands(apps, schema_editor):
    """The admin never let a band's maximum below its minimum, but a shell or script could have.
    Such a band cannot be guessed right (swapped? mistyped?): name it, write nothing."""
    reversed_bands = [
        f"{band.level_id} {band.currency} {band.minimum}–{band.maximum} (id {band.pk})"
        for band in apps.get_model("roles", "PayBand").objects.all()
        if band.maximum < band.minimum
    ]
    if reversed_bands:
        raise RuntimeError(
            "Pay bands with a maximum below their minimum: "
            + "; ".join(reversed_bands)
            + ". Correct them in the admin (Pay bands), then migrate again."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0038_bulk_export_item_files"),
    ]

    operations = [
        migrations.RemoveField(model_name="guidancestamp", name="version"),
        migrations.AddField(
            model_name="guidancestamp",
            name="token",
            field=models.CharField(default=roles.models.guidance.new_stamp, max_length=32),
        ),
        migrations.RunPython(refuse_reversed_bands, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="payband",
            constraint=models.CheckConstraint(
                condition=models.Q(("maximum__gte", models.F("minimum"))),
                name="payband_maximum_not_below_minimum",
                violation_error_message="The maximum is below the minimum.",
            ),
        ),
    ]

"""The web origins whose pages may call the API's text check from a browser (#29, CORS)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0068_api_idempotency_keys"),
    ]

    operations = [
        migrations.CreateModel(
            name="ApiCorsOrigin",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "origin",
                    models.CharField(
                        help_text="Exactly as the browser sends it: https://ats.example.com or https://ats.example.com:8443 (no path, no trailing slash).",
                        max_length=300,
                        unique=True,
                    ),
                ),
                (
                    "note",
                    models.CharField(
                        blank=True,
                        help_text="Whose pages these are, and why they may call.",
                        max_length=200,
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={
                "verbose_name": "API origin allowed in browsers",
                "verbose_name_plural": "API origins allowed in browsers",
                "ordering": ["origin"],
            },
        ),
    ]

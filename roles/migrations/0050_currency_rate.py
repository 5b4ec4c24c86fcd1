"""HR's dated currency rates for comparing pay with a pay law's limits in another currency (issue
#26): a Toronto posting in US dollars is converted at one, or told to state CAD."""

from decimal import Decimal

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0049_level_guide_manager"),
    ]

    operations = [
        migrations.CreateModel(
            name="CurrencyRate",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "from_currency",
                    models.CharField(
                        choices=[
                            ("USD", "USD – US dollar"),
                            ("EUR", "EUR – Euro"),
                            ("GBP", "GBP – Pound sterling"),
                            ("CAD", "CAD – Canadian dollar"),
                            ("AUD", "AUD – Australian dollar"),
                            ("CHF", "CHF – Swiss franc"),
                            ("SEK", "SEK – Swedish krona"),
                            ("JPY", "JPY – Japanese yen"),
                            ("INR", "INR – Indian rupee"),
                            ("SGD", "SGD – Singapore dollar"),
                        ],
                        max_length=3,
                    ),
                ),
                (
                    "to_currency",
                    models.CharField(
                        choices=[
                            ("USD", "USD – US dollar"),
                            ("EUR", "EUR – Euro"),
                            ("GBP", "GBP – Pound sterling"),
                            ("CAD", "CAD – Canadian dollar"),
                            ("AUD", "AUD – Australian dollar"),
                            ("CHF", "CHF – Swiss franc"),
                            ("SEK", "SEK – Swedish krona"),
                            ("JPY", "JPY – Japanese yen"),
                            ("INR", "INR – Indian rupee"),
                            ("SGD", "SGD – Singapore dollar"),
                        ],
                        max_length=3,
                    ),
                ),
                (
                    "rate",
                    models.DecimalField(
                        decimal_places=6,
                        help_text="One unit of the first currency in the second (USD → CAD: about 1.4).",
                        max_digits=12,
                        validators=[django.core.validators.MinValueValidator(Decimal("0.000001"))],
                    ),
                ),
                (
                    "as_of",
                    models.DateField(
                        help_text="The date the rate is from.", verbose_name="rate of"
                    ),
                ),
                ("source", models.CharField(blank=True, max_length=200)),
            ],
            options={
                "verbose_name": "currency rate for pay laws",
                "verbose_name_plural": "currency rates for pay laws",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("from_currency", "to_currency"), name="currencyrate_one_per_pair"
                    )
                ],
            },
        ),
    ]

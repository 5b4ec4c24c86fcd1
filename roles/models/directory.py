"""Who may do what, from the company's directory: the group (or app-role) values an identity
provider asserts, mapped to the app's HR groups by an administrator."""

from django.contrib.auth.models import Group
from django.db import models

DIRECTORY_VALUE_MAX_LENGTH = 200


class DirectoryGroupMapping(models.Model):
    """One value of a provider's group claim, and the HR group it puts a person in."""

    provider_id = models.CharField(
        max_length=100,
        verbose_name="sign-in provider",
        help_text="The company sign-in this value comes from: its provider id, e.g. company "
        "(the part after /accounts/oidc/ in its sign-in address).",
    )
    value = models.CharField(
        max_length=DIRECTORY_VALUE_MAX_LENGTH,
        verbose_name="value from the provider",
        help_text="The group or app-role value exactly as the provider sends it in its groups "
        "claim (Entra ID: the app role's value, e.g. JD.Managers; Okta: the group's name). "
        "Matched exactly: capitals, spaces and punctuation count.",
    )
    group = models.ForeignKey(
        Group,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="HR group",
        help_text="The HR group people with this value are in, while the provider says so.",
    )
    grants_staff = models.BooleanField(
        default=False,
        verbose_name="grants admin access",
        help_text="People with this value may use the admin (staff); never superuser.",
    )

    class Meta:
        ordering = ["provider_id", "value"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider_id", "value", "group"], name="directory_mapping_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider_id}: {self.value} → {self.group.name}"

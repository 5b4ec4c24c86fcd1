"""Who may do what, from the company's directory: the group (or app-role) values an identity
provider asserts, mapped to the app's HR groups by an administrator."""

from django.contrib.auth.models import Group
from django.db import models

DIRECTORY_VALUE_MAX_LENGTH = 200


class DirectoryGroupMapping(models.Model):
    """One value of a provider's group claim, and the HR group it puts a person in."""

    provider_id = models.CharField(
        max_length=100,
        help_text="The sign-in provider this value comes from (its id, e.g. company).",
    )
    value = models.CharField(
        max_length=DIRECTORY_VALUE_MAX_LENGTH,
        help_text="The group or app-role value as the provider sends it; matched exactly.",
    )
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="+")
    grants_staff = models.BooleanField(
        default=False, help_text="People with this value may use the admin (never as superuser)."
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

"""The role library: templates HR admins keep, each with its ordered lists."""

from django.db import models
from django.urls import reverse

from .content import (
    DocumentContent,
    KPIContent,
    LocationContent,
    QualificationContent,
    ResponsibilityContent,
)


class RoleTemplateQuerySet(models.QuerySet):
    def active(self) -> "RoleTemplateQuerySet":
        return self.filter(is_active=True)

    def with_items(self) -> "RoleTemplateQuerySet":
        return self.prefetch_related("responsibilities", "kpis", "qualifications", "locations")


class RoleTemplate(DocumentContent):
    slug = models.SlugField(max_length=80, unique=True)
    display_order = models.PositiveSmallIntegerField(
        default=0,
        help_text="The start page groups roles by job family and orders them by their level's "
        "rank; among roles of one level, lower comes first.",
    )
    is_active = models.BooleanField(
        default=True,
        help_text="Inactive templates are hidden from HR staff; drafts keep their copy.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = RoleTemplateQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "title"]

    def get_preview_url(self) -> str:
        return reverse("roles:template_preview", args=[self.pk])


class TemplateResponsibility(ResponsibilityContent):
    template = models.ForeignKey(
        RoleTemplate, on_delete=models.CASCADE, related_name="responsibilities"
    )

    class Meta(ResponsibilityContent.Meta):
        verbose_name_plural = "responsibilities"


class TemplateKPI(KPIContent):
    template = models.ForeignKey(RoleTemplate, on_delete=models.CASCADE, related_name="kpis")

    class Meta(KPIContent.Meta):
        pass


class TemplateQualification(QualificationContent):
    template = models.ForeignKey(
        RoleTemplate, on_delete=models.CASCADE, related_name="qualifications"
    )

    class Meta(QualificationContent.Meta):
        pass


class TemplateWorkLocation(LocationContent):
    template = models.ForeignKey(RoleTemplate, on_delete=models.CASCADE, related_name="locations")

    class Meta(LocationContent.Meta):
        pass

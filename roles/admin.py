from django import forms
from django.contrib import admin
from django.utils.html import format_html
from reversion.admin import VersionAdmin

from .models import (
    OrganisationProfile,
    RoleTemplate,
    TemplateKPI,
    TemplateQualification,
    TemplateResponsibility,
)
from .uploads import clean_logo


class OrderedInline(admin.TabularInline):
    """Items listed in order; change "position" to move one without retyping it."""

    extra = 0
    fields = ["position"]
    ordering = ["position", "pk"]


class ResponsibilityInline(OrderedInline):
    model = TemplateResponsibility
    fields = ["position", "text"]


class KPIInline(OrderedInline):
    model = TemplateKPI
    fields = ["position", "name", "measure", "target", "cadence"]


class QualificationInline(OrderedInline):
    model = TemplateQualification
    fields = ["position", "text", "kind"]


@admin.register(RoleTemplate)
class RoleTemplateAdmin(VersionAdmin):
    """Every save keeps a revision of the template with its lists; "History" recovers them."""

    list_display = [
        "title",
        "level",
        "reports_to",
        "is_active",
        "display_order",
        "updated_at",
        "preview_link",
    ]
    list_filter = ["level", "is_active"]
    search_fields = ["title", "summary", "responsibilities__text", "kpis__name"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ResponsibilityInline, KPIInline, QualificationInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "level", "reports_to", "display_order", "is_active"]}),
        ("About the role", {"fields": ["summary", "scope", "impact", "collaboration"]}),
    ]

    @admin.display(description="Preview")
    def preview_link(self, obj: RoleTemplate) -> str:
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">Preview document</a>',
            obj.get_preview_url(),
        )


class OrganisationProfileForm(forms.ModelForm):
    class Meta:
        model = OrganisationProfile
        fields = ["name", "logo", "accent_colour", "paper_size", "about", "equal_opportunity"]

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and logo != self.initial.get("logo"):  # a new upload, not the stored file
            return clean_logo(logo)
        return logo


@admin.register(OrganisationProfile)
class OrganisationProfileAdmin(admin.ModelAdmin):
    """One profile: it can be edited, never added twice or deleted."""

    form = OrganisationProfileForm
    list_display = ["__str__", "paper_size", "accent_colour", "updated_at"]

    def has_add_permission(self, request) -> bool:
        return super().has_add_permission(request) and not OrganisationProfile.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

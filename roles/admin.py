"""The Django admin of the app: HR admins keep the role templates, the levels and the guidance
tables here. One module, some 470 lines, on purpose: Django finds it by name, each class is a
short registration beside its form, and a reader looks for a model's admin in one place; the
rules those forms enforce live in services (``services/pay_bands.py``), not here."""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django_countries import countries
from reversion.admin import VersionAdmin
from reversion.models import Version

from .checks import places
from .checks.guidance import check_document, check_organisation
from .documents.data import Organisation, document_from_template
from .forms.fields import https_formfield
from .http import approved_pdf_response
from .models import (
    ITEM_LISTS,
    READ_ALL_PERMISSION,
    SUBSCRIBABLE_EVENT_TYPES,
    ApiCorsOrigin,
    Approval,
    AuditEntry,
    CurrencyRate,
    GenderCodedException,
    GenderCodedWord,
    LanguageTerm,
    Level,
    LevelGuideAnswer,
    LevelGuideQuestion,
    LevelSignal,
    OrganisationProfile,
    PayBand,
    PayRequirement,
    PayTransparencyRule,
    PlaceHeadcount,
    RoleTemplate,
    TemplateKPI,
    TemplateQualification,
    TemplateResponsibility,
    TemplateWorkLocation,
    WebhookDelivery,
    WebhookSubscription,
)
from .outbound import url_refusal
from .selectors.guidance import (
    DRAFTS_READ_FOR_A_RULE,
    drafts_reached_by_pay_rule,
    guidance_rules,
    pay_rules_changed_from_seed,
)
from .selectors.levels import level_change_preview
from .selectors.review import by_severity, suggestions_phrase
from .services.guidance import recount_open_findings_later
from .services.pay_bands import level_check, level_save, payband_check, payband_save
from .services.pay_rules import (
    FIELDS as PAY_RULE_FIELDS,
)
from .services.pay_rules import (
    IMPORT_MAX_BYTES,
    ImportRefused,
    payrules_export,
    payrules_import,
    payrules_import_preview,
)
from .services.webhooks import (
    template_event_emit,
    webhook_secret_rotate,
    webhook_subscription_pause,
    webhook_subscription_resume,
)
from .uploads import clean_logo, logo_png_copy

#: A pay rule whose facts were checked longer ago than this is flagged on the rules page.
FACTS_CHECKED_WARN_AFTER = timedelta(days=365)

#: Links typed without a scheme get https:// (Django 6's default) in every admin form.
HTTPS_LINKS = {models.URLField: {"assume_scheme": "https"}}


class OneBasedPositionForm(forms.ModelForm):
    """Positions counted from 1, as the editor and the guidance panel number items (stored from
    0, as the editor stores them)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["position"]
        # From 1 (clean_position refuses less); the stored minimum of 0 is one less.
        field.validators = [v for v in field.validators if not isinstance(v, MinValueValidator)]
        field.min_value = 1
        field.widget.attrs["min"] = 1
        if self.instance.pk is not None:
            self.initial["position"] = self.instance.position + 1

    def clean_position(self):
        position = self.cleaned_data["position"]
        if position is None or position < 1:
            raise forms.ValidationError("Count positions from 1.")
        return position - 1


#: Text this long is a sentence or more: a textarea shows it whole (a one-line input hides it).
LONG_TEXT = 300


class LongTextAsTextarea:
    """Admin forms show long CharFields (a responsibility, a KPI's measure, an explanation) in
    textareas."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        long_text = (db_field.max_length or 0) >= LONG_TEXT and not db_field.choices
        if isinstance(db_field, models.CharField) and long_text:
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "cols": 60})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class OrderedInline(LongTextAsTextarea, admin.TabularInline):
    """Items listed in order; change "position" to move one without retyping it."""

    extra = 0
    form = OneBasedPositionForm
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


class LocationInline(OrderedInline):
    model = TemplateWorkLocation
    fields = ["position", "arrangement", "city", "region", "postal_code", "country"]


class OwnVersionsAdmin(VersionAdmin):
    """django-reversion's admin, limited to the model's own history.

    Its recover and revision views take any saved Version's id, and reverting it reverts that
    version's whole revision, whatever it holds (a draft's, for example). Here only a version of
    ``self.model`` whose revision holds nothing but ``revision_models`` rows is listed, shown or
    restored; any other id is a 404.
    """

    #: The models one of this admin's revisions may hold: the model and those its registration
    #: follows.
    revision_models: tuple[type[models.Model], ...] = ()

    def own_versions(self) -> QuerySet:
        allowed = ContentType.objects.get_for_models(self.model, *self.revision_models).values()
        foreign = Version.objects.filter(revision_id=OuterRef("revision_id")).exclude(
            content_type__in=allowed
        )
        return Version.objects.get_for_model(self.model).exclude(Exists(foreign))

    def own_version(self, version_id, object_id=None) -> Version:
        versions = self.own_versions()
        if object_id is not None:
            versions = versions.filter(object_id=unquote(object_id))
        version = versions.filter(pk=version_id).first()
        if version is None:
            raise Http404("No such version of this model.")
        return version

    def _reversion_order_version_queryset(self, request, queryset):
        # The hook both lists (history, recover) pass their versions through.
        return super()._reversion_order_version_queryset(
            request, queryset.filter(pk__in=self.own_versions().values("pk"))
        )

    def recover_view(self, request, version_id, extra_context=None):
        self.own_version(version_id)
        return super().recover_view(request, version_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        self.own_version(version_id, object_id)
        return super().revision_view(request, object_id, version_id, extra_context)


@admin.register(RoleTemplate)
class RoleTemplateAdmin(OwnVersionsAdmin):
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
    list_filter = ["level__job_family", "level", "is_active"]
    list_select_related = ["level"]
    search_fields = ["title", "summary", "responsibilities__text", "kpis__name"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ResponsibilityInline, KPIInline, QualificationInline, LocationInline]
    # What reversion.register(RoleTemplate, follow=...) in roles/models/drafts.py saves with it.
    revision_models = tuple(template_model for _name, _base, template_model, _draft in ITEM_LISTS)
    fieldsets = [
        (None, {"fields": ["title", "slug", "level", "reports_to", "display_order", "is_active"]}),
        ("About the role", {"fields": ["summary", "scope", "impact", "collaboration"]}),
        (
            "Pay band (copied into each new draft)",
            {
                "fields": [
                    ("salary_min", "salary_max", "salary_currency", "pay_period"),
                    "benefits",
                    "other_compensation",
                ]
            },
        ),
    ]

    readonly_fields = ["guidance"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None:  # the panel checks the template as saved
            fieldsets.insert(0, ("Guidance", {"fields": ["guidance"]}))
        return fieldsets

    def save_related(self, request, form, formsets, change) -> None:
        """After the lists: the event tells of the template as saved whole. The admin's save is
        one transaction, so the event leaves when it commits (a history restore included)."""
        super().save_related(request, form, formsets, change)
        template_event_emit(template=form.instance, created=not change)

    @admin.display(description="As the editor's guidance panel shows it")
    def guidance(self, obj: RoleTemplate) -> str:
        """The same checks the editor runs on a draft, on the template as saved: what every
        draft started from it will open with, required first."""
        findings = check_document(
            document_from_template(obj), guidance_rules(), today=timezone.localdate()
        )
        findings = by_severity(finding for finding in findings if finding.counts)
        if not findings:
            return "No open suggestions: drafts start from it with nothing to review."
        required = sum(1 for finding in findings if finding.severity == "required")
        return format_html(
            "<p>{}</p><ul class='template-guidance'>{}</ul>",
            suggestions_phrase(len(findings), required),
            format_html_join(
                "",
                "<li><strong>{}</strong><span class='visually-hidden'>: </span> {}"
                "<details><summary>Why?</summary><span class='help'>{}</span></details></li>",
                (
                    (
                        "Required" if f.severity == "required" else "Suggestion",
                        f.message,
                        f.why or "",
                    )
                    for f in findings
                ),
            ),
        )

    @admin.display(description="Preview")
    def preview_link(self, obj: RoleTemplate) -> str:
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">Preview document</a>',
            obj.get_preview_url(),
        )


class OrganisationProfileForm(forms.ModelForm):
    class Meta:
        model = OrganisationProfile
        fields = [
            "name",
            "logo",
            "accent_colour",
            "paper_size",
            "headcount",
            "home_region",
            "home_country",
            "about",
            "equal_opportunity",
        ]

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and logo != self.initial.get("logo"):  # a new upload, not the stored file
            logo = clean_logo(logo)
            self.logo_png = logo_png_copy(logo)
        return logo

    def save(self, commit=True):
        profile = super().save(commit=False)
        if "logo" in self.changed_data:  # a new logo, or none: its PNG copy goes with it
            profile.logo_png = getattr(self, "logo_png", None) or ""
        if commit:
            profile.save()
        return profile


class PlaceHeadcountInline(admin.TabularInline):
    """For the pay rules that count only employees in their place (Minnesota: at Minnesota
    sites): how many this organisation has there. None given: the threshold is taken as met."""

    model = PlaceHeadcount
    extra = 0
    fields = ["rule", "employees"]
    verbose_name_plural = "employees counted by pay rules that count only their place"


@admin.register(OrganisationProfile)
class OrganisationProfileAdmin(admin.ModelAdmin):
    """One profile: it can be edited, never added twice or deleted."""

    form = OrganisationProfileForm
    inlines = [PlaceHeadcountInline]
    list_display = ["__str__", "paper_size", "accent_colour", "headcount", "updated_at"]
    readonly_fields = ["guidance"]

    @admin.display(description="Guidance on these texts")
    def guidance(self, obj: OrganisationProfile) -> str:
        """The language findings on “about” and the equal-opportunity statement: shown here,
        once, rather than in every draft (where the editor gives them one line)."""
        findings = check_organisation(Organisation.from_profile(obj), guidance_rules())
        findings = [finding for finding in findings if finding.counts]
        if not findings:
            return "Nothing to review."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{} <span class='help'>{}</span></li>",
                ((finding.message, finding.why) for finding in findings),
            ),
        )

    def has_add_permission(self, request) -> bool:
        return super().has_add_permission(request) and not OrganisationProfile.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class LevelSignalInline(LongTextAsTextarea, admin.TabularInline):
    model = LevelSignal
    extra = 1
    fields = ["phrase", "weight", "explanation", "source"]


class LevelForm(forms.ModelForm):
    class Meta:
        model = Level
        fields = [
            "slug",
            "name",
            "rank",
            "job_family",
            "title_words",
            "shortest_cadence",
            "longest_cadence",
            "may_be_skipped",
        ]

    #: The job family is chosen from those the levels have, or typed once for a new one.
    NEW_FAMILY = "__new__"
    new_job_family = forms.CharField(
        label="New job family",
        required=False,
        max_length=80,
        help_text="Only when the list above has no family for this level.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        families = sorted(
            {family for family in Level.objects.values_list("job_family", flat=True) if family}
        )
        self.fields["job_family"] = forms.ChoiceField(
            label="Job family",
            choices=[(family, family) for family in families]
            + [(self.NEW_FAMILY, "A new family (type it below)")],
            initial=self.instance.job_family or (families[0] if families else self.NEW_FAMILY),
        )

    confirm_findings = forms.BooleanField(
        label="Save it anyway",
        required=False,
        help_text="Shown when the change alters drafts' level findings: tick to save.",
    )

    def clean(self):
        """A new rank or job family must keep the pay bands in order of rank; a change that
        alters drafts' level findings names them first, and saves once confirmed."""
        data = super().clean()
        if data.get("job_family") == self.NEW_FAMILY:
            new = (data.get("new_job_family") or "").strip()
            if not new:
                self.add_error("new_job_family", "Type the new job family's name.")
            data["job_family"] = new
        if not self.errors and not data.get("confirm_findings"):
            self._preview_findings(data)
        if not self.errors:
            moved = Level(
                pk=self.instance.pk,
                slug=self.instance.slug,
                rank=data["rank"],
                job_family=data["job_family"],
            )
            level_check(moved)
        return data

    def _preview_findings(self, data) -> None:
        fields = ["rank", "job_family", "title_words", "shortest_cadence", "longest_cadence"]
        if self.instance.pk and not any(field in self.changed_data for field in fields):
            return  # nothing the level check reads has changed
        preview = level_change_preview(
            slug=data.get("slug") or self.instance.slug,
            name=data.get("name", ""),
            rank=data["rank"],
            job_family=data["job_family"],
            title_words=data.get("title_words", ""),
            shortest_cadence=data.get("shortest_cadence", ""),
            longest_cadence=data.get("longest_cadence", ""),
            may_be_skipped=bool(data.get("may_be_skipped")),
        )
        changed = preview.changed
        # Beyond the drafts checked, older ones may change too: said, and asked, not hidden.
        unchecked = preview.in_family - preview.checked
        of_them = (
            f" Only the {preview.checked} most recently edited of the {preview.in_family} drafts "
            "it may touch were checked; older ones may change too."
            if unchecked
            else ""
        )
        if changed:
            titles = ", ".join(f"“{draft.title}” ({draft.level.name})" for draft in changed[:10])
            more = f" and {len(changed) - 10} more" if len(changed) > 10 else ""
            raise forms.ValidationError(
                f"This changes the level findings of {len(changed)} "
                f"draft{'s' if len(changed) != 1 else ''}: {titles}{more}. Their editors show "
                f"the new findings when next opened.{of_them} Tick “Save it anyway” to save."
            )
        if unchecked:
            raise forms.ValidationError(
                f"No draft checked changes its level findings.{of_them} Tick “Save it anyway” "
                "to save."
            )


@admin.register(Level)
class LevelAdmin(admin.ModelAdmin):
    """Levels and the phrases that signal each one's scope, for the guidance panel's level fit."""

    form = LevelForm
    list_display = [
        "name",
        "slug",
        "rank",
        "job_family",
        "shortest_cadence",
        "longest_cadence",
        "may_be_skipped",
    ]
    inlines = [LevelSignalInline]

    def save_model(self, request, obj, form, change):
        level_save(level=obj)

    def get_readonly_fields(self, request, obj=None):
        # Templates and drafts store the slug: changing it would orphan them.
        return ["slug"] if obj else []


@admin.register(GenderCodedWord)
class GenderCodedWordAdmin(admin.ModelAdmin):
    list_display = ["__str__", "gender", "is_stem", "source"]
    list_filter = ["gender", "is_stem"]
    search_fields = ["term"]


@admin.register(GenderCodedException)
class GenderCodedExceptionAdmin(admin.ModelAdmin):
    """Words and phrases the gender verdict does not count: ordinary words that merely begin
    with a coded stem, the job's own function, other senses; each with its reason."""

    list_display = ["word", "kind", "reason"]
    list_filter = ["kind"]
    search_fields = ["word", "reason"]


@admin.register(LanguageTerm)
class LanguageTermAdmin(admin.ModelAdmin):
    list_display = ["term", "category", "match", "suggestion", "is_active"]
    list_filter = ["category", "match", "is_active"]
    search_fields = ["term", "suggestion", "why"]
    formfield_overrides = HTTPS_LINKS
    # Written by the app (a migration that turned a pattern off says why), not by hand.
    readonly_fields = ["admin_note"]


class PayTransparencyRuleForm(forms.ModelForm):
    requirements = forms.MultipleChoiceField(
        choices=PayRequirement.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="What a posting covered by this rule must show.",
    )
    advice_items = forms.MultipleChoiceField(
        choices=PayRequirement.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Items the law leaves unsettled, or asks for outside the posting (before the "
        "first interview): shown as advice, never as “required”.",
    )

    country = forms.ChoiceField(
        choices=[("EU", "European Union (the directive)"), *countries],
        help_text="A member state's own law is a rule of its own; the EU rule applies where "
        "none is.",
    )

    def clean_item_dates(self) -> dict:
        return self.cleaned_data["item_dates"] or {}

    def clean_law_words(self) -> dict:
        return self.cleaned_data["law_words"] or {}

    def clean(self) -> dict:
        """The region must be one of the country's (by code or name, kept as its code)."""
        cleaned = super().clean()
        region, country = cleaned.get("region", ""), cleaned.get("country", "")
        if region and country:
            code = places.region_code(country, region)
            if code is None or country == "EU":
                self.add_error("region", f"Not a state or province of {country}.")
            else:
                cleaned["region"] = code
        return cleaned

    class Meta:
        model = PayTransparencyRule
        formfield_callback = https_formfield
        fields = list(PAY_RULE_FIELDS)  # the same fields, in the same order, as the rules file


@admin.register(PayTransparencyRule)
class PayTransparencyRuleAdmin(admin.ModelAdmin):
    form = PayTransparencyRuleForm
    list_display = [
        "jurisdiction",
        "country",
        "region",
        "locality",
        "min_employees",
        "effective_from",
        "mandatory",
        "facts_checked_age",
    ]
    list_filter = ["country", "mandatory", "remote_reach", "internal_postings"]
    search_fields = ["jurisdiction", "what_must_be_shown", "notes"]
    formfield_overrides = HTTPS_LINKS
    readonly_fields = ["drafts_reached"]

    @admin.display(description="Facts checked", ordering="facts_checked")
    def facts_checked_age(self, rule: PayTransparencyRule) -> str:
        """The date, and a warning once it is more than a year old: laws change."""
        if rule.facts_checked < timezone.localdate() - FACTS_CHECKED_WARN_AFTER:
            return format_html(
                "{} <strong>⚠ over a year ago: check it again</strong>", rule.facts_checked
            )
        return str(rule.facts_checked)

    @admin.display(description="Drafts it applies to")
    def drafts_reached(self, rule: PayTransparencyRule) -> str:
        if not rule.pk:
            return "—"
        reached, read = drafts_reached_by_pay_rule(rule.jurisdiction)
        more = f" (of the {read} most recently edited)" if read >= DRAFTS_READ_FOR_A_RULE else ""
        return f"This rule applies to {reached} current draft{'s' if reached != 1 else ''}{more}."

    def get_urls(self):
        export = path(
            "export/",
            self.admin_site.admin_view(self.export_view),
            name="roles_paytransparencyrule_export",
        )
        import_ = path(
            "import/",
            self.admin_site.admin_view(self.import_view),
            name="roles_paytransparencyrule_import",
        )
        return [export, import_, *super().get_urls()]

    def export_view(self, request: HttpRequest) -> HttpResponse:
        """Every rule as a version-1 file, for counsel to review (roles/services/pay_rules.py)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        content = payrules_export(exported_by=request.user.get_username())
        response = HttpResponse(content, content_type="application/json; charset=utf-8")
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="pay-rules-{stamp}.json"'
        return response

    def import_view(self, request: HttpRequest) -> HttpResponse:
        """Upload a rules file, see what it changes, then apply it (all or nothing)."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        context = {**self.admin_site.each_context(request), "opts": self.model._meta}
        context["title"] = "Import pay rules"
        context["max_kb"] = IMPORT_MAX_BYTES // 1000
        if request.method == "POST":
            try:
                text = self._import_text(request)
                if text is None:
                    raise ImportRefused("Choose a pay rules file (.json).")
                if "confirm" in request.POST:
                    preview = payrules_import(
                        text=text, user=request.user, previewed=request.POST.get("digest", "")
                    )
                    self.message_user(
                        request,
                        f"Imported: {len(preview.changes)} rules added or changed.",
                        level=messages.SUCCESS,
                    )
                    return redirect("admin:roles_paytransparencyrule_changelist")
                context |= {"preview": payrules_import_preview(text=text), "text": text}
            except ImportRefused as refused:
                context["refused"] = str(refused)
        return TemplateResponse(request, "admin/roles/paytransparencyrule/import.html", context)

    @staticmethod
    def _import_text(request: HttpRequest) -> str | None:
        """The file's text: uploaded, or carried by the preview's confirm form."""
        if upload := request.FILES.get("file"):
            if upload.size > IMPORT_MAX_BYTES:
                raise ImportRefused(f"The file is larger than {IMPORT_MAX_BYTES // 1000} kB.")
            try:
                return upload.read().decode("utf-8")
            except UnicodeDecodeError:
                raise ImportRefused("The file is not UTF-8 text.") from None
        text = request.POST.get("text")
        return text[: IMPORT_MAX_BYTES + 1] if text else None

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        recount_open_findings_later()

    def delete_model(self, request, obj) -> None:
        super().delete_model(request, obj)
        recount_open_findings_later()

    def delete_queryset(self, request, queryset) -> None:
        super().delete_queryset(request, queryset)
        recount_open_findings_later()

    def changelist_view(self, request, extra_context=None):
        """Rules edited here keep their edits when a correction of the seed data arrives: list
        them, so someone compares them with the correction."""
        if changed := pay_rules_changed_from_seed():
            self.message_user(
                request,
                "Changed here, so corrections of the reviewed rules do not reach them: "
                + ", ".join(rule.jurisdiction for rule in changed)
                + ".",
                level=messages.WARNING,
            )
        return super().changelist_view(request, extra_context)


@admin.register(CurrencyRate)
class CurrencyRateAdmin(admin.ModelAdmin):
    """HR's dated rates for comparing pay with a pay law's limits in another currency."""

    list_display = ["__str__", "from_currency", "to_currency", "rate", "as_of", "source"]
    fields = ["from_currency", "to_currency", "rate", "as_of", "source"]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        recount_open_findings_later()


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records the app writes and nobody edits: listed and readable, never added, changed or
    deleted through the admin."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "job_description_title",
        "actor_name",
        "action",
        "from_state",
        "to_state",
        "version",
    ]
    list_filter = ["action", "to_state"]
    search_fields = ["job_description_title", "actor_name", "message"]
    date_hierarchy = "created_at"


@admin.register(Approval)
class ApprovalAdmin(ReadOnlyAdmin):
    """Approvals with their PDF served through the app (the storage's own URL, on S3 a bucket
    link, is never shown), to those who may read every draft."""

    list_display = ["title", "version", "approved_at", "approved_by", "sha256", "pdf_link"]
    search_fields = ["title", "approved_by", "sha256"]
    date_hierarchy = "approved_at"
    fields = [
        "job_description",
        "review_round",
        "revision",
        "version",
        "title",
        "pdf_link",
        "sha256",
        "approved_at",
        "approved_by",
    ]
    readonly_fields = ["pdf_link"]

    def get_urls(self):
        view = self.admin_site.admin_view(self.pdf_view)
        pdf = path("<int:approval_id>/pdf/", view, name="roles_approval_pdf")
        return [pdf, *super().get_urls()]

    def pdf_view(self, request: HttpRequest, approval_id: int) -> FileResponse:
        """The approved PDF as stored, to an admin who may read every draft; else a 404."""
        if not (self.has_view_permission(request) and request.user.has_perm(READ_ALL_PERMISSION)):
            raise Http404("No such approval.")
        return approved_pdf_response(get_object_or_404(Approval, pk=approval_id))

    @admin.display(description="PDF")
    def pdf_link(self, obj: Approval) -> str:
        return format_html(
            '<a href="{}">Download the approved PDF</a>',
            reverse("admin:roles_approval_pdf", args=[obj.pk]),
        )


class LevelGuideAnswerInline(admin.TabularInline):
    model = LevelGuideAnswer
    extra = 1
    fields = ["position", "text", "level", "weight", "reason"]


@admin.register(LevelGuideQuestion)
class LevelGuideQuestionAdmin(admin.ModelAdmin):
    """The questions of "Which level do you need?", each answer pointing to a level."""

    list_display = ["position", "text", "source"]
    inlines = [LevelGuideAnswerInline]


class PayBandForm(forms.ModelForm):
    class Meta:
        model = PayBand
        fields = [
            "level",
            "currency",
            "pay_period",
            "minimum",
            "maximum",
            "country",
            "region",
            "hours_per_year",
        ]

    def clean(self):
        """Refuse a band whose maximum is below its minimum, or that would put a more senior
        level below a less senior one (same job family, currency and place), whichever levels
        between them have no band."""
        data = super().clean()
        if not self.errors:
            payband_check(
                PayBand(pk=self.instance.pk, **{name: data.get(name) for name in self.Meta.fields})
            )
        return data


@admin.register(PayBand)
class PayBandAdmin(admin.ModelAdmin):
    """HR's pay band per level: checked against drafts' pay, never printed."""

    form = PayBandForm
    list_display = ["__str__", "level", "currency", "pay_period", "country", "region"]
    list_filter = ["level", "currency"]

    def save_model(self, request, obj, form, change):
        payband_save(band=obj)


class WebhookSubscriptionForm(forms.ModelForm):
    # Declared, not made from the model's field, for https:// as the assumed scheme (Django 6's).
    url = forms.URLField(
        label="URL",
        assume_scheme="https",
        max_length=WebhookSubscription._meta.get_field("url").max_length,
        help_text=WebhookSubscription._meta.get_field("url").help_text,
    )
    events = forms.MultipleChoiceField(
        choices=SUBSCRIBABLE_EVENT_TYPES, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = WebhookSubscription
        fields = ["name", "url", "events", "owner"]

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        if why := url_refusal(url):
            raise forms.ValidationError(why)
        return url


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    """Who hears of a JD's steps. The secret is shown once, in the message after it is made
    or rotated; no page lists it again."""

    form = WebhookSubscriptionForm
    list_display = ["name", "url", "status", "paused_at", "owner", "created_at", "deliveries_link"]
    list_filter = ["status"]
    list_select_related = ["owner"]
    search_fields = ["name", "url"]
    readonly_fields = ["status", "paused_at", "failing_since", "created_at"]
    actions = ["rotate_secret", "pause", "resume"]

    def get_changeform_initial_data(self, request) -> dict:
        return {"owner": request.user.pk, **super().get_changeform_initial_data(request)}

    @admin.display(description="Deliveries")
    def deliveries_link(self, obj: WebhookSubscription) -> str:
        url = reverse("admin:roles_webhookdelivery_changelist")
        return format_html(
            '<a href="{}?subscription__id__exact={}">Deliveries</a> · <a href="{}">Log page</a>',
            url,
            obj.pk,
            reverse("roles:webhook_deliveries", args=[obj.pk]),
        )

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        if not change:
            _show_secret_once(request, obj, obj.secret)

    @admin.action(description="Rotate the secret (the old one signs for 24 more hours)")
    def rotate_secret(self, request, queryset) -> None:
        for subscription in queryset:
            _show_secret_once(
                request, subscription, webhook_secret_rotate(subscription_id=subscription.pk)
            )

    @admin.action(description="Pause (events are not sent while paused)")
    def pause(self, request, queryset) -> None:
        paused = sum(
            webhook_subscription_pause(subscription_id=pk, notify=False)
            for pk in queryset.values_list("pk", flat=True)
        )
        self.message_user(request, f"Paused {paused}.")

    @admin.action(description="Resume")
    def resume(self, request, queryset) -> None:
        resumed = sum(
            webhook_subscription_resume(subscription_id=pk)
            for pk in queryset.values_list("pk", flat=True)
        )
        self.message_user(request, f"Resumed {resumed}.")


def _show_secret_once(request, subscription: WebhookSubscription, secret: str) -> None:
    messages.warning(
        request,
        format_html(
            "The signing secret of “{}” is <code>{}</code>. Copy it into the receiver now: "
            "it is not shown again.",
            subscription.name,
            secret,
        ),
    )


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "event_type",
        "subscription",
        "status",
        "attempts",
        "last_response_status",
        "next_attempt_at",
        "message_id",
    ]
    list_filter = ["status", "event_type", "subscription"]
    list_select_related = ["subscription"]
    search_fields = ["message_id"]
    date_hierarchy = "created_at"


@admin.register(ApiCorsOrigin)
class ApiCorsOriginAdmin(admin.ModelAdmin):
    """The origins whose pages may call the API's text check from a browser: none until listed.
    Each is matched exactly; the API itself still needs a token with the "check" scope."""

    list_display = ["origin", "note", "created_at"]
    search_fields = ["origin", "note"]
    readonly_fields = ["created_at"]

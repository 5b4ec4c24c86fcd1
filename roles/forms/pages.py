"""The small forms of the pages other than the editor: sending for review, deciding, bulk export,
share links and the drafts lists' search."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils import timezone

from roles.http import parse_id
from roles.models import (
    API_TOKEN_DAYS_CHOICES,
    API_TOKEN_NAME_MAX_LENGTH,
    ApiScope,
    Level,
    ReviewState,
)
from roles.models.review import person_name


class StartDraftForm(forms.Form):
    """What tells a new draft apart from others of the same role; all optional (skippable)."""

    title = forms.CharField(label="Working name", required=False, max_length=200)
    department = forms.CharField(label="Department", required=False, max_length=200)
    requisition_id = forms.CharField(label="Requisition id", required=False, max_length=64)
    city = forms.CharField(label="City", required=False, max_length=80)
    region = forms.CharField(
        label="State or province code",
        required=False,
        max_length=8,
        validators=[
            RegexValidator(r"^[A-Za-z]{2,3}$", "Enter the state or province code, e.g. NY.")
        ],
    )


class ReviewerChoiceField(forms.ModelMultipleChoiceField):
    """People by full name and role, and whether e-mail reaches them (prefetch their groups)."""

    def label_from_instance(self, obj) -> str:
        roles = ", ".join(group.name for group in obj.groups.all())
        label = person_name(obj) + (f" ({roles})" if roles else "")
        return label if obj.email else f"{label}: no e-mail address, sees it on their start page"


class SubmitForReviewForm(forms.Form):
    reviewers = ReviewerChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text="People who may review job descriptions (the Reviewers group, HR managers).",
        error_messages={"required": "Choose at least one reviewer."},
    )
    require_all = forms.BooleanField(
        label="Every reviewer must approve",
        required=False,
        help_text="Off: the first approval approves it. On: one request for changes ends the "
        "round.",
    )
    message = forms.CharField(
        label="Message to the reviewers", required=False, max_length=2000, widget=forms.Textarea
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    confirm_open_findings = forms.BooleanField(
        required=False,
        error_messages={"required": "Confirm that you send it with its open suggestions."},
    )

    def __init__(self, *args, reviewers, open_findings: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].queryset = reviewers
        # The owner sees the open findings listed above it, and says they send it as it is.
        field = self.fields["confirm_open_findings"]
        field.required = open_findings > 0
        field.label = (
            f"Send it with its {open_findings} open suggestion{'s' if open_findings != 1 else ''}"
        )


class ReviewDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("request_changes", "Request changes")]
    )
    message = forms.CharField(
        label="Your message",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Needed when you request changes: say what should change.",
    )
    open_required_reason = forms.CharField(
        label="Why approve it with its required findings open",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed to approve while a required finding is open; kept with the approval "
        "and in the trail.",
    )
    seen_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class BulkExportForm(forms.Form):
    """Which drafts (ids from a drafts list's checkboxes) in which format. Whether the person may
    read them, and the limits, are the service's to check."""

    format = forms.ChoiceField(label="Format")
    drafts = forms.TypedMultipleChoiceField(coerce=int, required=False)

    def __init__(self, *args, formats: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["format"].choices = [(name, f.label) for name, f in formats.items()]
        # Any id a row can have: the service decides which drafts exist for this person.
        self.fields["drafts"].valid_value = lambda value: parse_id(value) is not None
        self.fields["drafts"].choices = []

    def clean_drafts(self):
        drafts = self.cleaned_data["drafts"]
        if not drafts:
            raise ValidationError("Select at least one draft to export.")
        return drafts


class ShareLinkForm(forms.Form):
    expires_on = forms.DateField(
        label="Works until",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The last day the link works. Leave blank to keep it until you revoke it.",
    )
    is_public_posting = forms.BooleanField(
        label="This is the public job posting",
        required=False,
        help_text="Search engines may then index the page. Leave off for a link sent to an "
        "agency or a hiring manager.",
    )

    def clean_expires_on(self):
        expires_on = self.cleaned_data["expires_on"]
        if expires_on and expires_on < timezone.localdate():
            raise ValidationError("Choose today or a later day.")
        return expires_on


class ApiTokenForm(forms.Form):
    """A new personal API token: what it is for, what it may do, how long it lives."""

    name = forms.CharField(
        label="What it is for",
        max_length=API_TOKEN_NAME_MAX_LENGTH,
        help_text="So you know it again, e.g. “Greenhouse sync”.",
    )
    scopes = forms.MultipleChoiceField(
        label="It may",
        choices=ApiScope.choices,
        # Bootstrap's class on each box, so a long label wraps beside it, not under it.
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        initial=[ApiScope.READ],
    )
    days = forms.TypedChoiceField(
        label="Works for",
        coerce=int,
        choices=[(days, f"{days} days") for days in API_TOKEN_DAYS_CHOICES],
        widget=forms.Select(attrs={"class": "form-select"}),
        initial=90,
    )


class DraftSearchForm(forms.Form):
    q = forms.CharField(label="Search by title", required=False, max_length=200)
    status = forms.ChoiceField(
        label="Approval", required=False, choices=[("", "Any"), *ReviewState.choices]
    )
    level = forms.ModelChoiceField(
        label="Level",
        required=False,
        queryset=Level.objects.order_by("rank"),
        to_field_name="slug",
        empty_label="Any level",
    )
    owner = forms.CharField(label="Owner", required=False, max_length=150)
    sort = forms.ChoiceField(label="Sort by", required=False)

    def __init__(self, *args, sorts: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sort"].choices = [(name, label) for name, (label, _) in sorts.items()]

    def filters(self) -> dict:
        """The valid filters, by name, for the selectors; an invalid one is left out."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        level = data.get("level")
        return {
            "status": data.get("status", ""),
            "level": level.slug if level else "",
            "owner": (data.get("owner") or "").strip(),
            "sort": data.get("sort", ""),
        }

"""The request bodies of the API's writes and review steps, and what the review resource answers.

The bounds here are not a second rule set: each field takes its limit from the form the page
uses (``StartDraftForm``, the editor's forms, ``SubmitForReviewForm``, ``ReviewDecisionForm``)
or from the model those forms are made from, and the views run those forms after these
serializers. These make the OpenAPI schema exact and refuse a body of the wrong shape (a list
where a text goes) before a form could read it as text."""

from django import forms
from django.core.validators import RegexValidator
from rest_framework import serializers

from roles.forms.editor import ITEM_FORMSETS
from roles.forms.pages import ReviewDecisionForm, StartDraftForm, SubmitForReviewForm
from roles.models import (
    EDITABLE_FIELDS,
    MAX_ITEMS,
    JobDescription,
    ReviewAction,
    ReviewDecision,
    ReviewState,
    RoleTemplate,
)

from .schema import ProblemSerializer
from .serializers import ApprovalSerializer, DraftSerializer

#: At most this many reviewers in one round (the page lists every candidate; a body is bounded).
MAX_REVIEWERS = 50
#: The longest message of a withdraw, reopen, archive or unarchive (the pages keep as much).
STEP_MESSAGE_MAX_LENGTH = 2000
#: The review steps the API offers, by the name of their path (approve and request changes are
#: one step, "decide"); the allowed actions a review answers are ``ReviewAction`` values.
API_REVIEW_ACTIONS = (
    ReviewAction.SUBMIT,
    ReviewAction.WITHDRAW,
    ReviewAction.APPROVE,
    ReviewAction.REQUEST_CHANGES,
    ReviewAction.REOPEN,
    ReviewAction.ARCHIVE,
    ReviewAction.UNARCHIVE,
)


def _text_from_form(form_class: type[forms.Form], name: str, **kwargs) -> serializers.CharField:
    """A text field with the bounds of the form's field ``name``: its length and patterns. An
    optional one left out is left out of the validated data (read it with a blank default)."""
    field = form_class.base_fields[name]
    return serializers.CharField(
        required=field.required,
        allow_blank=not field.required,
        max_length=field.max_length,
        validators=[v for v in field.validators if isinstance(v, RegexValidator)],
        help_text=str(field.help_text or field.label or ""),
        **kwargs,
    )


class DraftStartSerializer(serializers.Serializer):
    """What the start page asks when a draft is started from a template."""

    template = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=RoleTemplate.objects.active(),
        help_text="The slug of an active role template (GET /api/v1/templates/).",
    )
    title = _text_from_form(StartDraftForm, "title")
    department = _text_from_form(StartDraftForm, "department")
    requisition_id = _text_from_form(StartDraftForm, "requisition_id")
    city = _text_from_form(StartDraftForm, "city")
    region = _text_from_form(StartDraftForm, "region")


def _item_change_serializer(prefix: str) -> type[serializers.ModelSerializer]:
    """An item of the editor's list ``prefix`` as a body sends it: the fields of its form
    (model fields, so their limits are the model's), and the id of the saved row it changes."""
    form_class = ITEM_FORMSETS[prefix].form
    attrs = {
        "id": serializers.IntegerField(
            required=False,
            allow_null=True,
            min_value=1,
            help_text="The saved item this is (from GET); leave it out for a new item.",
        ),
        "Meta": type(
            "Meta",
            (),
            {"model": form_class._meta.model, "fields": ["id", *form_class._meta.fields]},
        ),
    }
    # A field the form declares itself (a location's region, read by name or code) has the
    # form's limit, not the model's.
    for name, field in form_class.declared_fields.items():
        if isinstance(field, forms.CharField):
            attrs[name] = _text_from_form(form_class, name)
    name = f"{form_class._meta.model.__name__}ChangeSerializer"
    return type(name, (serializers.ModelSerializer,), attrs)


ITEM_CHANGE_SERIALIZERS = {prefix: _item_change_serializer(prefix) for prefix in ITEM_FORMSETS}


def _item_list(prefix: str) -> serializers.ListField:
    # A ListField (not many=True), so the schema says maxItems.
    return serializers.ListField(
        child=ITEM_CHANGE_SERIALIZERS[prefix](), required=False, max_length=MAX_ITEMS
    )


class DraftChangeSerializer(serializers.ModelSerializer):
    """A change to a draft: any of the fields the editor edits, and any item list whole, in its
    new order (a saved item not in the list is removed; one without ``id`` is added)."""

    responsibilities = _item_list("responsibilities")
    kpis = _item_list("kpis")
    qualifications = _item_list("qualifications")
    locations = _item_list("locations")

    class Meta:
        model = JobDescription
        fields = [*EDITABLE_FIELDS, *ITEM_FORMSETS]


class ReviewSubmitSerializer(serializers.Serializer):
    reviewers = serializers.ListField(
        child=serializers.CharField(max_length=150),
        min_length=1,
        max_length=MAX_REVIEWERS,
        help_text="The usernames of the people asked to review it (who may review, not you).",
    )
    require_all = serializers.BooleanField(
        default=False, help_text=str(SubmitForReviewForm.base_fields["require_all"].help_text)
    )
    message = _text_from_form(SubmitForReviewForm, "message")
    confirm_open_findings = serializers.BooleanField(
        default=False,
        help_text="Needed while the draft has open guidance findings: you send it as it is.",
    )


class ReviewDecideSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=ReviewDecisionForm.base_fields["decision"].choices)
    message = _text_from_form(ReviewDecisionForm, "message")
    open_required_reason = _text_from_form(ReviewDecisionForm, "open_required_reason")


class ReviewStepSerializer(serializers.Serializer):
    """Withdraw, reopen, archive, unarchive: a message for the trail, if any."""

    message = serializers.CharField(
        required=False, allow_blank=True, max_length=STEP_MESSAGE_MAX_LENGTH
    )


class ReviewRequestSerializer(serializers.Serializer):
    reviewer = serializers.CharField(
        source="reviewer.get_username", allow_null=True, help_text="Null: the account is gone."
    )
    decision = serializers.ChoiceField(choices=ReviewDecision.choices)
    decided_at = serializers.DateTimeField(allow_null=True)


class ReviewRoundSerializer(serializers.Serializer):
    submitted_at = serializers.DateTimeField()
    version = serializers.IntegerField(help_text="The draft's version it was sent at.")
    require_all = serializers.BooleanField()
    requests = ReviewRequestSerializer(many=True)


class ReviewStatusSerializer(serializers.Serializer):
    """A draft's review: its state, what the token's person may do now, the open round."""

    state = serializers.ChoiceField(choices=ReviewState.choices)
    version = serializers.IntegerField(help_text="The draft's version, as its ETag.")
    allowed_actions = serializers.ListField(
        child=serializers.ChoiceField(choices=[(a.value, a.label) for a in API_REVIEW_ACTIONS]),
        help_text="What you may do now, by the same rules as the review page.",
    )
    round = ReviewRoundSerializer(allow_null=True, help_text="The open round, if any.")
    current_approval = ApprovalSerializer(allow_null=True)


class StaleDraftProblemSerializer(ProblemSerializer):
    """A 412: the draft changed since the version named in If-Match; here it is as it is now
    (its version is also the response's ETag)."""

    current = DraftSerializer()

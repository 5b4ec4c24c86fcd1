"""The events API (#29): the event log for receivers that cannot take calls
(``/api/v1/events/?after=``), one's webhook subscriptions (``/api/v1/webhooks/``), and the
payload of each event, described in the schema's ``webhooks`` section (OpenAPI 3.1).

Events and subscriptions come through the access helper (``roles.access``); writes go through
``roles.services.webhooks``, the admin's and the pages' services."""

import dataclasses
import types
import typing
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import Http404
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    OpenApiWebhook,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from roles.access import (
    events_readable_by,
    get_webhook_subscription_for_user,
    webhook_subscriptions_for_user,
)
from roles.documents.data import (
    DocumentData,
    KPIItem,
    LocationItem,
    QualificationItem,
    ResponsibilityItem,
)
from roles.http import parse_id
from roles.models import (
    SUBSCRIBABLE_EVENT_TYPES,
    ReviewState,
    WebhookEventType,
    WebhookSubscription,
    WebhookSubscriptionStatus,
)
from roles.services.webhooks import (
    webhook_secret_rotate,
    webhook_subscription_create,
    webhook_subscription_update,
)

from .problems import InvalidParameters
from .views import ApiView

EVENTS_PAGE_SIZE = 50
EVENTS_MAX_PAGE_SIZE = 200
#: The largest id a client may name (SQLite's and PostgreSQL's bigint).
MAX_EVENT_ID = 2**63 - 1

SUBSCRIBABLE = [value for value, _label in SUBSCRIBABLE_EVENT_TYPES]


# --- Event payloads, as the schema describes them (and the events list returns them) ---------


class DraftReferenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    level = serializers.CharField(help_text="The level's slug.")
    department = serializers.CharField()
    requisition_id = serializers.CharField()
    review_state = serializers.ChoiceField(choices=ReviewState.choices)
    version = serializers.IntegerField(help_text="The draft's version after the step.")
    url = serializers.URLField(help_text="The draft in the API.")


def _field_for(annotation) -> serializers.Field:
    """A serializer field for a ``DocumentData`` field's type, as JSON carries it."""
    optional = isinstance(annotation, types.UnionType) and type(None) in typing.get_args(annotation)
    kinds = set(typing.get_args(annotation)) - {type(None)} if optional else {annotation}
    if kinds == {str}:
        return serializers.CharField()
    if kinds == {bool}:
        return serializers.BooleanField()
    if kinds == {int}:
        return serializers.IntegerField(allow_null=optional)
    if kinds == {date}:
        return serializers.DateField(allow_null=optional)
    if Decimal in kinds:
        return serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=optional)
    raise TypeError(f"No serializer field for {annotation!r}")


def _dataclass_serializer(dataclass, name: str, *, leave_out=(), nested=None):
    hints = typing.get_type_hints(dataclass)
    fields = {}
    for field in dataclasses.fields(dataclass):
        if field.name in leave_out:
            continue
        if nested and field.name in nested:
            fields[field.name] = nested[field.name](many=True)
        else:
            fields[field.name] = _field_for(hints[field.name])
    return type(name, (serializers.Serializer,), fields)


#: The JD's text: the fields of ``DocumentData``, which every format and check reads (what
#: ``roles.services.webhooks.document_payload`` sends).
DocumentSerializer = _dataclass_serializer(
    DocumentData,
    "EventDocumentSerializer",
    leave_out=("organisation", "status_note"),
    nested={
        name: _dataclass_serializer(
            item, f"Event{item.__name__}Serializer", leave_out=["source_id"]
        )
        for name, item in (
            ("responsibilities", ResponsibilityItem),
            ("kpis", KPIItem),
            ("qualifications", QualificationItem),
            ("locations", LocationItem),
        )
    },
)


class ApprovalReferenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    version = serializers.IntegerField()
    approved_at = serializers.DateTimeField()
    sha256 = serializers.CharField(help_text="The SHA-256 of the approved PDF, in hex.")
    pdf = serializers.URLField(
        help_text="The approved PDF, byte for byte as stored at approval (its SHA-256 is "
        "sha256), whatever the draft became since: GET with a token holding the export scope."
    )


class ShareLinkReferenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    expires_on = serializers.DateField(allow_null=True)
    revoked_at = serializers.DateTimeField(allow_null=True)
    is_public_posting = serializers.BooleanField()


class TemplateReferenceSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    level = serializers.CharField(help_text="The level's slug.")
    is_active = serializers.BooleanField()
    updated_at = serializers.DateTimeField()
    url = serializers.URLField(help_text="The template in the API (404 while inactive).")


def _data(name: str, **fields) -> serializers.Serializer:
    return inline_serializer(name, fields)


EVENT_DATA = {
    WebhookEventType.DRAFT_CREATED: None,
    WebhookEventType.SUBMITTED: None,
    WebhookEventType.CHANGES_REQUESTED: None,
    WebhookEventType.REOPENED: None,
    WebhookEventType.ARCHIVED: None,
    WebhookEventType.APPROVED: _data(
        "ApprovedEventData",
        job_description=DraftReferenceSerializer(),
        approval=ApprovalReferenceSerializer(),
        document=DocumentSerializer(help_text="The approved text, as the PDF prints it."),
        documents=serializers.DictField(
            child=serializers.URLField(),
            help_text="The JD in every export format, by format name (pdf, docx, txt, md, "
            "html, jsonld), as the draft is when asked, which may be after a later change: "
            "GET with a token holding the export scope. The approved PDF is approval.pdf.",
        ),
    ),
    WebhookEventType.SHARE_LINK_CREATED: _data(
        "ShareLinkEventData",
        share_link=ShareLinkReferenceSerializer(),
        job_description=DraftReferenceSerializer(),
    ),
    WebhookEventType.TEMPLATE_CHANGED: _data(
        "TemplateEventData",
        change=serializers.ChoiceField(choices=["created", "changed"]),
        template=TemplateReferenceSerializer(),
    ),
    WebhookEventType.TEST: _data(
        "TestEventData",
        subscription=inline_serializer(
            "TestEventSubscription",
            {"id": serializers.IntegerField(), "name": serializers.CharField()},
        ),
    ),
}
EVENT_DATA[WebhookEventType.SHARE_LINK_REVOKED] = EVENT_DATA[WebhookEventType.SHARE_LINK_CREATED]
_DRAFT_STEP = _data("DraftEventData", job_description=DraftReferenceSerializer())
EVENT_DATA = {kind: data or _DRAFT_STEP for kind, data in EVENT_DATA.items()}


def _event_body(event_type: str) -> serializers.Serializer:
    name = "".join(part.capitalize() for part in event_type.replace(".", "_").split("_"))
    return inline_serializer(
        f"{name}Event",
        {
            "type": serializers.ChoiceField(choices=[event_type]),
            "timestamp": serializers.DateTimeField(help_text="When the event happened."),
            "data": EVENT_DATA[event_type],
        },
    )


def _webhook(kind: WebhookEventType) -> OpenApiWebhook:
    return OpenApiWebhook(
        name=kind.value,
        decorator=extend_schema(
            summary=kind.label,
            description="POSTed to each subscription that hears it, signed per Standard "
            "Webhooks (webhook-id, webhook-timestamp, webhook-signature); see docs/api.md.",
            request=_event_body(kind.value),
            responses={
                "2XX": OpenApiResponse(description="Received: answer within 15 seconds."),
                "default": OpenApiResponse(description="Not received: tried again later."),
            },
        ),
    )


# ``SPECTACULAR_SETTINGS["WEBHOOKS"]`` names each of these: the schema's ``webhooks`` section.
WEBHOOK_JD_CREATED = _webhook(WebhookEventType.DRAFT_CREATED)
WEBHOOK_JD_SUBMITTED = _webhook(WebhookEventType.SUBMITTED)
WEBHOOK_JD_APPROVED = _webhook(WebhookEventType.APPROVED)
WEBHOOK_JD_CHANGES_REQUESTED = _webhook(WebhookEventType.CHANGES_REQUESTED)
WEBHOOK_JD_REOPENED = _webhook(WebhookEventType.REOPENED)
WEBHOOK_JD_ARCHIVED = _webhook(WebhookEventType.ARCHIVED)
WEBHOOK_SHARE_LINK_CREATED = _webhook(WebhookEventType.SHARE_LINK_CREATED)
WEBHOOK_SHARE_LINK_REVOKED = _webhook(WebhookEventType.SHARE_LINK_REVOKED)
WEBHOOK_TEMPLATE_CHANGED = _webhook(WebhookEventType.TEMPLATE_CHANGED)
WEBHOOK_WEBHOOK_TEST = _webhook(WebhookEventType.TEST)


# --- The event log ---------------------------------------------------------------------------


class EventSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Grows with every event: the next page's after.")
    type = serializers.ChoiceField(choices=SUBSCRIBABLE_EVENT_TYPES)
    timestamp = serializers.DateTimeField()
    data = serializers.JSONField(help_text="As the webhook of this type carries it.")

    def to_representation(self, event):
        return {"id": event.pk, **event.payload}


def whole_number(request, name: str, low: int, high: int, default: int) -> int:
    """The query parameter ``name``: given once, digits only, from ``low`` to ``high``; else
    400 naming it. Not a DRF serializer: it reads a query string as a form, so a blank value
    or one given twice would pass unnoticed."""
    values = request.query_params.getlist(name)
    if not values:
        return default
    raw = values[0]
    number = int(raw) if raw.isascii() and raw.isdecimal() and len(raw) <= 19 else None
    if len(values) > 1 or number is None or not low <= number <= high:
        raise InvalidParameters({name: [f"Give it once, a whole number from {low} to {high}."]})
    return number


class EventList(ApiView):
    problem_responses = {"400": "after or page_size is not a whole number in range."}

    @extend_schema(
        operation_id="events_list",
        summary="Events after the one you have",
        description="Every event about drafts you may read, and the global ones (a template "
        "changed), oldest first, after the event id `after`. Keep the last id you processed "
        "and ask again with it: ids only grow.",
        parameters=[
            OpenApiParameter("after", int, description="The last event id you have (0: all)."),
            OpenApiParameter(
                "page_size",
                int,
                description=f"Events a page: 1 to {EVENTS_MAX_PAGE_SIZE} ({EVENTS_PAGE_SIZE}).",
            ),
        ],
        responses=inline_serializer(
            "EventPage",
            {
                "results": EventSerializer(many=True),
                "next": serializers.URLField(
                    help_text="Where to ask next (after the last event of this page, or the "
                    "same after when the page is empty): poll it."
                ),
                "has_more": serializers.BooleanField(help_text="More events wait already."),
            },
        ),
    )
    def get(self, request):
        after = whole_number(request, "after", 0, MAX_EVENT_ID, 0)
        size = whole_number(request, "page_size", 1, EVENTS_MAX_PAGE_SIZE, EVENTS_PAGE_SIZE)
        events = list(events_readable_by(request.user).after(after)[: size + 1])
        has_more = len(events) > size
        events = events[:size]
        last = events[-1].pk if events else after
        return Response(
            {
                "results": EventSerializer(events, many=True).data,
                "next": replace_query_param(request.build_absolute_uri(), "after", last),
                "has_more": has_more,
            }
        )


# --- Subscriptions ---------------------------------------------------------------------------


class WebhookSubscriptionSerializer(serializers.ModelSerializer):
    url = serializers.URLField(max_length=WebhookSubscription._meta.get_field("url").max_length)
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=SUBSCRIBABLE_EVENT_TYPES),
        min_length=1,
        max_length=len(SUBSCRIBABLE),
    )
    status = serializers.ChoiceField(
        choices=WebhookSubscriptionStatus.choices,
        required=False,
        help_text="paused: nothing is sent; active again: sent from then on.",
    )

    class Meta:
        model = WebhookSubscription
        fields = ["id", "name", "url", "events", "status", "paused_at", "created_at"]
        read_only_fields = ["id", "paused_at", "created_at"]


class NewSecretSerializer(WebhookSubscriptionSerializer):
    secret = serializers.CharField(
        read_only=True, help_text="whsec_…: shown this once; copy it into the receiver."
    )

    class Meta(WebhookSubscriptionSerializer.Meta):
        fields = [*WebhookSubscriptionSerializer.Meta.fields, "secret"]


def _invalid(error: ValidationError) -> serializers.ValidationError:
    """A service's refusal as the API's 400, pointing at the field it names."""
    if hasattr(error, "error_dict"):
        return serializers.ValidationError(error.message_dict)
    return serializers.ValidationError({"non_field_errors": error.messages})


class WebhookView(ApiView):
    """Reading needs the read scope; making, changing and deleting, the write scope."""

    @property
    def required_scope(self) -> str:
        request = getattr(self, "request", None)
        return "read" if request is None or request.method in SAFE_METHODS else "write"

    def subscription(self, pk: str) -> WebhookSubscription:
        subscription_id = parse_id(pk)
        if subscription_id is None:
            raise Http404("No such subscription.")
        return get_webhook_subscription_for_user(self.request.user, subscription_id)


ID_PARAMETER = OpenApiParameter("id", int, OpenApiParameter.PATH, description="Its id.")


class WebhookSubscriptionList(WebhookView):
    problem_responses = {"400": "A field is not valid, or the URL may not be called."}

    @extend_schema(
        operation_id="webhooks_list",
        summary="Your webhook subscriptions",
        responses=WebhookSubscriptionSerializer(many=True),
    )
    def get(self, request):
        subscriptions = webhook_subscriptions_for_user(request.user).order_by("pk")
        return Response(WebhookSubscriptionSerializer(subscriptions, many=True).data)

    @extend_schema(
        operation_id="webhooks_create",
        summary="Subscribe a URL to events",
        description="The URL must be one the deliveries may call: http or https, and an "
        "address that is not private (unless the server allows its host name). The answer "
        "holds the signing secret, this once.",
        request=WebhookSubscriptionSerializer,
        responses={201: NewSecretSerializer},
    )
    def post(self, request):
        given = WebhookSubscriptionSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        values = {k: v for k, v in given.validated_data.items() if k != "status"}
        try:
            subscription = webhook_subscription_create(owner=request.user, **values)
        except ValidationError as error:
            raise _invalid(error) from None
        return Response(NewSecretSerializer(subscription).data, status=201)


class WebhookSubscriptionDetail(WebhookView):
    problem_responses = {
        "400": "A field is not valid, or the URL may not be called.",
        "404": "No such subscription, or not yours.",
    }

    @extend_schema(
        operation_id="webhooks_retrieve",
        summary="A webhook subscription (without its secret)",
        parameters=[ID_PARAMETER],
        responses=WebhookSubscriptionSerializer,
    )
    def get(self, request, pk: str):
        return Response(WebhookSubscriptionSerializer(self.subscription(pk)).data)

    def _update(self, request, pk: str, *, partial: bool):
        subscription = self.subscription(pk)
        given = WebhookSubscriptionSerializer(subscription, data=request.data, partial=partial)
        given.is_valid(raise_exception=True)
        try:
            subscription = webhook_subscription_update(
                subscription=subscription, **given.validated_data
            )
        except ValidationError as error:
            raise _invalid(error) from None
        return Response(WebhookSubscriptionSerializer(subscription).data)

    @extend_schema(
        operation_id="webhooks_update",
        summary="Change a subscription whole",
        parameters=[ID_PARAMETER],
        request=WebhookSubscriptionSerializer,
        responses=WebhookSubscriptionSerializer,
    )
    def put(self, request, pk: str):
        return self._update(request, pk, partial=False)

    @extend_schema(
        operation_id="webhooks_partial_update",
        summary="Change some of a subscription (status pauses or resumes it)",
        parameters=[ID_PARAMETER],
        request=WebhookSubscriptionSerializer(partial=True),
        responses=WebhookSubscriptionSerializer,
    )
    def patch(self, request, pk: str):
        return self._update(request, pk, partial=True)

    @extend_schema(
        operation_id="webhooks_destroy",
        summary="Delete a subscription and its delivery log",
        parameters=[ID_PARAMETER],
        responses={204: None},
    )
    def delete(self, request, pk: str):
        self.subscription(pk).delete()
        return Response(status=204)


class WebhookSecretRotate(WebhookView):
    problem_responses = {"404": "No such subscription, or not yours."}

    @extend_schema(
        operation_id="webhooks_rotate_secret",
        summary="Give a subscription a new secret",
        description="The old secret signs too for 24 hours (both signatures are sent), so the "
        "receiver may switch at any moment that day. The new secret is shown this once.",
        parameters=[ID_PARAMETER],
        request=None,
        responses=NewSecretSerializer,
    )
    def post(self, request, pk: str):
        subscription = self.subscription(pk)
        webhook_secret_rotate(subscription_id=subscription.pk)
        subscription.refresh_from_db()
        return Response(NewSecretSerializer(subscription).data)

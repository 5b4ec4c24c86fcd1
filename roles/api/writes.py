"""The API's writes (#29): start a draft from a template, change it, move it to the trash.

The same path as the pages: every draft through the access helper (``roles.access``) with the
rule of the page that makes the same change (the editor's and the delete page's: the owner
only), every value through the editor's own forms, every write through the draft services. What
the API adds is HTTP's: the draft's version as its ``ETag``, ``If-Match`` required on every write
to a draft (428 without, 412 with the draft as it is now when stale), and ``Idempotency-Key`` on
the create."""

import re

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.http import Http404, HttpResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from roles.access import get_job_description_for_user
from roles.forms.editor import ITEM_FORMSETS, JobDescriptionForm
from roles.forms.pages import StartDraftForm
from roles.http import parse_id
from roles.models import (
    EDITABLE_FIELDS,
    IDEMPOTENCY_KEY_MAX_LENGTH,
    ApiIdempotencyKey,
    JobDescription,
)
from roles.selectors.review import current_approval
from roles.services.api_idempotency import (
    idempotencykey_claim,
    idempotencykey_find,
    idempotencykey_finish,
    idempotencykey_release,
    request_fingerprint,
)
from roles.services.drafts import (
    EditConflict,
    ItemValues,
    NotEditable,
    jobdescription_create_from_template,
    jobdescription_save,
    jobdescription_trash,
)

from .problems import InvalidParameters, Problem
from .serializers import DraftSerializer
from .views import DraftDetail, DraftList
from .write_serializers import (
    DraftChangeSerializer,
    DraftStartSerializer,
    StaleDraftProblemSerializer,
)

DRAFT_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The draft's id.")
IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=True,
    description='The ETag of the version you read (GET gives it), e.g. "3". Without it: 428; '
    "if the draft has changed since: 412, with the draft as it is now.",
)
IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    description="A key of your choice, new for each draft you mean to start (a UUID), at most "
    f"{IDEMPOTENCY_KEY_MAX_LENGTH} printable ASCII characters. Sent again with the same body "
    "within 24 hours, the first answer comes back instead of a second draft.",
)

#: The problems of a write to one draft, each operation's own (the read has only its 404).
WRITE_PROBLEMS = {
    "404": "No such draft, or not one you may change (only its owner changes a draft).",
    "412": (
        "The draft has changed since the version If-Match names: `current` is the draft now, "
        "and the ETag its version.",
        StaleDraftProblemSerializer,
    ),
    "428": "If-Match is missing: send the ETag of the version you read.",
}
#: ``If-Match`` as this API reads it: one or more strong ETags (``"3"``), comma-separated.
_ETAG = re.compile(r'"(\d{1,9})"')
IF_MATCH_MAX_LENGTH = 200


class ScopeByMethod:
    """A view whose methods need different scopes (reading a draft ``read``, changing it
    ``write``): ``scopes`` by HTTP method, ``read`` for one it does not name."""

    scopes: dict[str, str] = {}

    @property
    def required_scope(self) -> str:
        request = getattr(self, "request", None)
        return self.scopes.get(request.method if request else "GET", "read")


def draft_id_or_404(pk: str) -> int:
    draft_id = parse_id(pk)
    if draft_id is None:
        raise Http404("No such draft.")
    return draft_id


def etag(version: int) -> str:
    return f'"{version}"'


def draft_data(request, draft_id: int) -> tuple[dict, int]:
    """The draft as GET answers it, read again through the access helper, and its version."""
    job_description = get_job_description_for_user(
        request, draft_id, with_items=True, read_only=True
    )
    context = {"current_approval": current_approval(job_description)}
    return DraftSerializer(job_description, context=context).data, job_description.version


def stale(request, draft_id: int) -> Problem:
    """The 412 of a write whose If-Match names a version the draft is no longer at."""
    current, version = draft_data(request, draft_id)
    return Problem(
        412,
        f"The draft has changed since the version you sent in If-Match: it is at version "
        f"{version} now (see current). Apply your change to it and send it with If-Match: "
        f'"{version}".',
        kind="edit-conflict",
        extensions={"current": current},
        headers={"ETag": etag(version)},
    )


def matched_version(request, job_description: JobDescription) -> int:
    """The version the request's ``If-Match`` names, if it is the draft's current one. 428
    without the header (or with ``*``, which names none); 412 when it names another."""
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        raise Problem(
            428,
            "This write needs If-Match with the ETag of the version you read (GET the draft "
            'for it, e.g. If-Match: "3"), so that it cannot overwrite a change you have not '
            "seen.",
            kind="precondition-required",
        )
    versions = {int(found) for found in _ETAG.findall(header[:IF_MATCH_MAX_LENGTH])}
    if job_description.version not in versions:
        raise stale(request, job_description.pk)
    return job_description.version


def _form_errors(form) -> dict:
    """A form's errors keyed as DRF keys them (``non_field_errors`` for the form's own)."""
    return {
        "non_field_errors" if name == "__all__" else name: list(messages)
        for name, messages in form.errors.items()
    }


def _values_of(row: models.Model, names) -> dict:
    return {name: getattr(row, name) for name in names}


def editor_values(job_description: JobDescription, change: dict, version: int) -> tuple[dict, dict]:
    """What ``change`` (a valid ``DraftChangeSerializer`` body) asks, checked by the editor's
    own form and formsets, as the values ``jobdescription_save`` takes: every editable field
    (those not sent as they are saved) and each list sent, whole, in its new order. The forms'
    errors are raised as a 400 whose pointers name the body's fields and items."""
    data = _values_of(job_description, EDITABLE_FIELDS)
    data.update({name: value for name, value in change.items() if name in EDITABLE_FIELDS})
    data["loaded_version"] = version
    form = JobDescriptionForm(data, instance=job_description)
    formsets, positions = {}, {}
    for prefix, formset_class in ITEM_FORMSETS.items():
        if prefix not in change:
            continue
        columns = list(formset_class.form.columns)
        saved_rows = getattr(job_description, prefix).all()
        saved = {row.pk: row for row in saved_rows}  # one query a list, whatever its length
        # Saved items first: a model formset's first INITIAL_FORMS forms are its saved rows.
        order = sorted(
            range(len(change[prefix])), key=lambda i: change[prefix][i].get("id") is None
        )
        data.update({f"{prefix}-TOTAL_FORMS": len(order), f"{prefix}-MIN_NUM_FORMS": 0})
        data[f"{prefix}-INITIAL_FORMS"] = sum(1 for i in order if change[prefix][i].get("id"))
        data[f"{prefix}-MAX_NUM_FORMS"] = formset_class.max_num
        for form_index, position in enumerate(order):
            item = change[prefix][position]
            row = saved.get(item.get("id"))
            # A saved item keeps what the body leaves out; a new one starts from the defaults.
            values = (
                _values_of(row, columns)
                if row is not None
                else {
                    name: formset_class.form._meta.model._meta.get_field(name).get_default()
                    for name in columns
                }
            )
            values.update({name: item[name] for name in columns if name in item})
            values.update({"id": item.get("id") or "", "ORDER": position + 1})
            data.update({f"{prefix}-{form_index}-{name}": value for name, value in values.items()})
        formsets[prefix] = formset_class(
            data,
            instance=job_description,
            prefix=prefix,
            queryset=saved_rows,
            # A new item sent blank is an error here, not a row the formset skips.
            form_kwargs={"empty_permitted": False},
        )
        positions[prefix] = order
    errors = {} if form.is_valid() else _form_errors(form)
    for prefix, formset in formsets.items():
        if formset.is_valid():
            continue
        list_errors = {
            str(positions[prefix][form_index]): _form_errors(item_form)
            for form_index, item_form in enumerate(formset.forms)
            if item_form.errors
        }
        if formset.non_form_errors():
            list_errors["non_field_errors"] = list(formset.non_form_errors())
        errors[prefix] = list_errors
    if errors:
        raise exceptions.ValidationError(errors)
    fields = {name: form.cleaned_data[name] for name in EDITABLE_FIELDS}
    items = {
        prefix: [
            ItemValues(
                id=row.pk if (row := item_form.cleaned_data.get("id")) else None,
                values={name: item_form.cleaned_data[name] for name in item_form.columns},
            )
            for item_form in formset.ordered_forms
        ]
        for prefix, formset in formsets.items()
    }
    return fields, items


def _service_refusal(error: DjangoValidationError) -> exceptions.ValidationError:
    """A rule the service checks itself (a list naming a row twice), as a 400."""
    if hasattr(error, "message_dict"):
        return exceptions.ValidationError(error.message_dict)
    return exceptions.ValidationError({"non_field_errors": error.messages})


class DraftListAndCreate(ScopeByMethod, DraftList):
    """GET: one's drafts (``DraftList``); POST: start a draft from a template."""

    scopes = {"POST": "write"}
    problem_responses_by_method = {
        "POST": {
            "400": "The body, or the Idempotency-Key, is not valid: errors name what.",
            "409": "A request with this Idempotency-Key is still being answered: send it again "
            "in a moment.",
            "422": "This Idempotency-Key came with another request (another body or path) "
            "within 24 hours.",
        }
    }

    @extend_schema(
        operation_id="drafts_create",
        summary="Start a draft from a role template",
        description="As the start page: the template's texts are copied onto the new draft, "
        "yours. With city (and region), its first work location is there.",
        request=DraftStartSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={
            201: OpenApiResponse(
                DraftSerializer,
                description="Started. Location is its address; the same answer comes again for "
                "the same Idempotency-Key and body (with Idempotent-Replayed: true).",
            )
        },
    )
    def post(self, request):
        key = self._idempotency_key(request)
        if key is None:
            start = self._validated(request)
            with transaction.atomic():
                return self._start(request, start)
        fingerprint = request_fingerprint(method="POST", path=request.path, data=request.data)
        kept = idempotencykey_find(token=request.auth, key=key)
        if kept is not None:
            return self._answer_kept(kept, fingerprint)
        start = self._validated(request)  # an invalid body is refused before the key is kept
        claim = idempotencykey_claim(token=request.auth, key=key, request_hash=fingerprint)
        if claim is None:  # another request claimed it between the look-up and here
            kept = idempotencykey_find(token=request.auth, key=key)
            if kept is None:
                raise self._in_flight()
            return self._answer_kept(kept, fingerprint)
        try:
            with transaction.atomic():
                response = self._start(request, start)
                headers = {name: response[name] for name in ("Location", "ETag")}
                idempotencykey_finish(
                    claim=claim,
                    status=response.status_code,
                    body=response.content.decode(),
                    headers=headers,
                )
        except BaseException:
            idempotencykey_release(claim=claim)  # nothing was made: the key is free again
            raise
        return response

    @staticmethod
    def _idempotency_key(request) -> str | None:
        raw = request.headers.get("Idempotency-Key")
        if raw is None:
            return None
        # Structured-field form ("…") as the IETF draft writes it, or the bare key.
        key = raw.strip()
        if len(key) >= 2 and key[0] == key[-1] == '"':
            key = key[1:-1]
        if not (
            1 <= len(key) <= IDEMPOTENCY_KEY_MAX_LENGTH and key.isascii() and key.isprintable()
        ):
            raise InvalidParameters(
                {
                    "Idempotency-Key": [
                        f"Send 1 to {IDEMPOTENCY_KEY_MAX_LENGTH} printable ASCII characters "
                        "(a UUID, for example)."
                    ]
                }
            )
        return key

    @staticmethod
    def _validated(request) -> dict:
        start = DraftStartSerializer(data=request.data)
        if not start.is_valid():
            raise exceptions.ValidationError(start.errors)
        names = {name: start.validated_data.get(name, "") for name in StartDraftForm.base_fields}
        form = StartDraftForm(names)  # the start page's own checks, after the shape's
        if not form.is_valid():
            raise exceptions.ValidationError(_form_errors(form))
        # As the start page: a place is set only when one was asked for.
        asked_place = "city" in request.data or "region" in request.data
        return {
            **form.cleaned_data,
            "template": start.validated_data["template"],
            "asked_place": asked_place,
        }

    @staticmethod
    def _start(request, start: dict) -> HttpResponse:
        """Start the draft and answer 201 with it. The body is rendered here, once, so that a
        replay sends exactly these bytes."""
        job_description = jobdescription_create_from_template(
            template=start["template"],
            owner=request.user,
            title=start["title"],
            department=start["department"],
            requisition_id=start["requisition_id"],
            place=(start["city"], start["region"]) if start["asked_place"] else None,
        )
        data, version = draft_data(request, job_description.pk)
        response = HttpResponse(
            JSONRenderer().render(data), status=201, content_type="application/json"
        )
        response["Location"] = request.build_absolute_uri(f"{job_description.pk}/")
        response["ETag"] = etag(version)
        return response

    @staticmethod
    def _in_flight() -> Problem:
        return Problem(
            409,
            "A request with this Idempotency-Key is still being answered. Send it again in a "
            "moment to get its answer.",
            kind="idempotency-key-in-use",
            headers={"Retry-After": "1"},
        )

    def _answer_kept(self, kept: ApiIdempotencyKey, fingerprint: str) -> HttpResponse:
        if kept.request_hash != fingerprint:
            raise Problem(
                422,
                "This Idempotency-Key was sent with another request in the last 24 hours. "
                "Use a new key for a new request.",
                kind="idempotency-key-reused",
            )
        if kept.in_flight:
            raise self._in_flight()
        response = HttpResponse(
            kept.response_body, status=kept.status, content_type="application/json"
        )
        for name, value in kept.response_headers.items():
            response[name] = value
        response["Idempotent-Replayed"] = "true"
        return response


class DraftDetailAndChange(ScopeByMethod, DraftDetail):
    """GET: a draft (``DraftDetail``); PATCH: change it; DELETE: move it to the trash."""

    scopes = {"PATCH": "write", "DELETE": "write"}
    problem_responses_by_method = {
        "PATCH": {
            **WRITE_PROBLEMS,
            "400": "The body is not valid: errors point at each field and item at fault.",
            "409": "The draft's review state does not allow edits (in review, archived).",
        },
        "DELETE": {
            **WRITE_PROBLEMS,
            "409": "The draft is in review: withdraw it first.",
        },
    }

    @extend_schema(
        operation_id="drafts_partial_update",
        summary="Change a draft's fields and item lists",
        description="Any of the fields the editor edits, and any item list whole, in its new "
        "order: an item with its id changes that item (fields left out stay), one without an "
        "id is added, a saved item the list leaves out is removed. Checked by the editor's own "
        "rules; saving an approved draft starts a new round of approval, as in the editor.",
        parameters=[DRAFT_ID, IF_MATCH],
        request=DraftChangeSerializer,
        responses={200: OpenApiResponse(DraftSerializer, description="Saved: the draft now.")},
    )
    def patch(self, request, pk: str):
        draft_id = draft_id_or_404(pk)
        # The editor's rule: the owner only.
        job_description = get_job_description_for_user(request, draft_id)
        version = matched_version(request, job_description)
        change = DraftChangeSerializer(data=request.data, partial=True)
        if not change.is_valid():
            raise exceptions.ValidationError(change.errors)
        fields, items = editor_values(job_description, change.validated_data, version)
        try:
            jobdescription_save(
                job_description=job_description,
                fields=fields,
                items=items,
                expected_version=version,
                user=request.user,
            )
        except EditConflict:
            raise stale(request, draft_id) from None
        except NotEditable as error:
            raise Problem(409, str(error), kind="not-editable") from None
        except DjangoValidationError as error:
            raise _service_refusal(error) from None
        data, version = draft_data(request, draft_id)
        return Response(data, headers={"ETag": etag(version)})

    @extend_schema(
        operation_id="drafts_destroy",
        summary="Move a draft to the trash",
        description="As “Delete” on the page: the owner can restore it from the trash page for "
        "the retention time; its open share links are revoked.",
        parameters=[DRAFT_ID, IF_MATCH],
        responses={204: OpenApiResponse(description="In the trash.")},
    )
    def delete(self, request, pk: str):
        draft_id = draft_id_or_404(pk)
        # The delete page's rule: the owner only.
        job_description = get_job_description_for_user(request, draft_id)
        version = matched_version(request, job_description)
        with transaction.atomic():
            # Under the row's lock, so that no save slips in between the check and the trash.
            locked = JobDescription.objects.live().select_for_update().filter(pk=draft_id).first()
            if locked is None:
                raise Http404("No such draft.")
            if locked.version != version:
                raise stale(request, draft_id)
            try:
                jobdescription_trash(job_description=locked, user=request.user)
            except NotEditable as error:
                raise Problem(409, str(error), kind="not-editable") from None
        return Response(status=204)

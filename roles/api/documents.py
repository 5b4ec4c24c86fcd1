"""A draft's documents through the API (#29): every format of the export registry, and the
approved versions with their frozen PDFs. Each read goes through the pages' access helpers and
the pages' one rendering path (``roles.services.documents.jobdescription_export``, with its
cache of the PDF rendered after a save): the API adds no renderer of its own."""

import hashlib

from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.urls import reverse
from django.utils.http import content_disposition_header
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers
from rest_framework.exceptions import Throttled
from rest_framework.response import Response

from roles.access import get_approval_for_user, get_job_description_for_user
from roles.documents import DocumentBeingPrepared, DocumentRenderError
from roles.documents.registry import EXPORTERS
from roles.http import PDF_DOWNLOADS, approved_pdf_response, parse_id
from roles.services.documents import jobdescription_export

from .pagination import KeysetPagination
from .problems import problem
from .views import ApiView

#: How long a client should wait before asking again for a PDF the task worker is rendering.
PREPARING_RETRY_SECONDS = 5

DRAFT_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The draft's id.")
APPROVAL_ID = OpenApiParameter(
    "approval_id", int, OpenApiParameter.PATH, description="The approval's id."
)


def _media_type(content_type: str) -> str:
    """'text/plain; charset=utf-8' → 'text/plain': the schema names media types bare."""
    return content_type.split(";")[0].strip()


#: What each format's body is in the schema: bytes, text, or a JSON document.
_BODY_TYPES = {"jsonld": OpenApiTypes.OBJECT, "pdf": OpenApiTypes.BINARY}


def _body_type(name: str):
    if name in _BODY_TYPES:
        return _BODY_TYPES[name]
    return OpenApiTypes.STR if EXPORTERS[name].copyable else OpenApiTypes.BINARY


def draft_id_or_404(pk: str) -> int:
    draft_id = parse_id(pk)
    if draft_id is None:
        raise Http404("No such draft.")
    return draft_id


class DownloadView(ApiView):
    """A file download: whatever ``Accept`` says, the path names what comes back (DRF would
    refuse ``Accept: application/pdf`` with 406, its renderers being JSON only)."""

    required_scope = "export"

    def perform_content_negotiation(self, request, force=False):
        return super().perform_content_negotiation(request, force=True)


class DocumentPreparingSerializer(serializers.Serializer):
    detail = serializers.CharField()
    retry_after = serializers.IntegerField(help_text="Seconds; also the Retry-After header.")


class DraftDocument(DownloadView):
    problem_responses = {
        "404": "No such draft, or not one you may read, or no such format.",
        "422": "The document cannot be rendered in this format: detail says why.",
    }

    @extend_schema(
        operation_id="drafts_documents_retrieve",
        summary="A draft in one of the export formats",
        description="The same file as the page's Download menu: "
        + "; ".join(
            f"`{name}`: {exporter.label} ({_media_type(exporter.content_type)})"
            for name, exporter in EXPORTERS.items()
        )
        + ". The response's ETag names the file's bytes; with If-None-Match naming it, the "
        "answer is 304. A large PDF the task worker is rendering answers 202 with Retry-After: "
        "ask again then.",
        parameters=[
            DRAFT_ID,
            OpenApiParameter(
                "format_name",
                str,
                OpenApiParameter.PATH,
                enum=list(EXPORTERS),
                description="The export format.",
            ),
        ],
        responses={
            **{
                (200, _media_type(exporter.content_type)): OpenApiResponse(
                    _body_type(name), description="The document, as an attachment."
                )
                for name, exporter in EXPORTERS.items()
            },
            202: OpenApiResponse(
                DocumentPreparingSerializer,
                description="Being rendered: ask again after Retry-After.",
            ),
            304: OpenApiResponse(description="Not modified: If-None-Match named this file."),
        },
    )
    def get(self, request, pk: str, format_name: str):
        draft_id = draft_id_or_404(pk)
        if format_name not in EXPORTERS:
            raise Http404("No such format.")
        # The same rule as the page's download: the owner, HR managers, the JD's reviewers.
        job_description = get_job_description_for_user(
            request, draft_id, with_items=True, read_only=True
        )
        if format_name == "pdf" and (retry_after := PDF_DOWNLOADS.hit(request.user.pk)):
            raise Throttled(wait=retry_after)
        try:
            exported = jobdescription_export(
                job_description=job_description, format_name=format_name
            )
        except DocumentBeingPrepared:
            response = Response(
                {
                    "detail": "The PDF is being rendered. Ask again in a few seconds.",
                    "retry_after": PREPARING_RETRY_SECONDS,
                },
                status=202,
            )
            response["Retry-After"] = str(PREPARING_RETRY_SECONDS)
            return response
        except DocumentRenderError as error:
            return problem(request, 422, str(error))
        # As the page's download: the file's digest is its ETag (a PDF rendered again for the
        # same version is the same bytes).
        etag = f'"{hashlib.sha256(exported.content).hexdigest()[:32]}"'
        if etag in request.headers.get("If-None-Match", ""):
            return HttpResponseNotModified(headers={"ETag": etag})
        return HttpResponse(
            exported.content,
            content_type=exported.content_type,
            headers={
                "Content-Disposition": content_disposition_header(
                    as_attachment=True, filename=exported.filename
                ),
                "ETag": etag,
            },
        )


class ApprovedVersionSerializer(serializers.Serializer):
    """An approved version: what was approved, by whom, and its frozen PDF's SHA-256."""

    id = serializers.IntegerField()
    version = serializers.IntegerField(help_text="The draft's version that was approved.")
    title = serializers.CharField(help_text="The JD's title when it was approved.")
    approved_at = serializers.DateTimeField()
    approved_by = serializers.CharField(
        help_text="The reviewers whose approvals completed the round, by name as they were then."
    )
    open_required_reason = serializers.CharField(
        help_text="Why it was approved with a required finding open; empty when none was."
    )
    sha256 = serializers.CharField(help_text="The SHA-256 of the approved PDF, in hex.")
    pdf = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_pdf(self, approval) -> str:
        """Where the approved PDF is, byte for byte as stored at approval."""
        path = reverse("roles:api:approval_pdf", args=[approval.job_description_id, approval.pk])
        return self.context["request"].build_absolute_uri(path)


class ApprovalList(ApiView):
    pagination_class = KeysetPagination
    problem_responses = {"404": "No such draft, or not one you may read."}

    def ordering_for(self, request) -> tuple:
        return ("-approved_at", "-pk")

    @extend_schema(
        operation_id="drafts_approvals_list",
        summary="A draft's approved versions, newest first",
        parameters=[DRAFT_ID],
        responses=ApprovedVersionSerializer(many=True),
    )
    def get(self, request, pk: str):
        job_description = get_job_description_for_user(request, draft_id_or_404(pk), read_only=True)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(job_description.approvals.all(), request, view=self)
        data = ApprovedVersionSerializer(page, many=True, context={"request": request}).data
        return paginator.get_paginated_response(data)


def _approval_or_404(request, pk: str, approval_id: str):
    """The approval, by the pages' rule (``get_approval_for_user``): whoever may read the JD,
    and the reviewer whose approval made it, after their round ended."""
    number = parse_id(approval_id)
    if number is None:
        raise Http404("No such approval.")
    return get_approval_for_user(request, draft_id_or_404(pk), number)


class ApprovalDetail(ApiView):
    problem_responses = {"404": "No such approval of this draft, or not one you may read."}

    @extend_schema(
        operation_id="drafts_approvals_retrieve",
        summary="One approved version",
        parameters=[DRAFT_ID, APPROVAL_ID],
        responses=ApprovedVersionSerializer,
    )
    def get(self, request, pk: str, approval_id: str):
        approval = _approval_or_404(request, pk, approval_id)
        return Response(ApprovedVersionSerializer(approval, context={"request": request}).data)


class ApprovalPdf(DownloadView):
    problem_responses = {
        "404": "No such approval of this draft, or not one you may read, or its file is lost."
    }

    @extend_schema(
        operation_id="drafts_approvals_pdf",
        summary="The approved PDF, exactly as stored at approval",
        description="Never rendered again: its SHA-256 is the approval's sha256, and the ETag.",
        parameters=[DRAFT_ID, APPROVAL_ID],
        responses={
            (200, "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The approved PDF, as an attachment."
            ),
            304: OpenApiResponse(description="Not modified: If-None-Match named this file."),
        },
    )
    def get(self, request, pk: str, approval_id: str):
        approval = _approval_or_404(request, pk, approval_id)
        etag = f'"{approval.sha256}"'
        if etag in request.headers.get("If-None-Match", ""):
            return HttpResponseNotModified(headers={"ETag": etag})
        # The pages' own response (the review page, the share link, the admin): the same bytes.
        response = approved_pdf_response(approval)
        response["ETag"] = etag
        return response

"""A draft as a document: the preview page, its downloads, and the organisation's logo."""

import hashlib

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from roles.access import get_job_description_for_user
from roles.documents import DocumentBeingPrepared, DocumentRenderError
from roles.documents.data import document_from_draft
from roles.documents.html import preview_context
from roles.documents.registry import EXPORTERS
from roles.http import PDF_DOWNLOADS, logo_response, too_many_requests
from roles.models import OrganisationProfile
from roles.selectors.review import review_open_findings
from roles.services.documents import jobdescription_export

#: How often the "being prepared" page asks again, in seconds.
PREPARING_REFRESH_SECONDS = 5


@login_required
@require_GET
@never_cache
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    job_description = get_job_description_for_user(request, pk, with_items=True, read_only=True)
    context = {
        **preview_context(document_from_draft(job_description)),
        "job_description": job_description,
        "download_formats": list(EXPORTERS.items()),
        "required_open": review_open_findings(job_description).required,
    }
    return render(request, "roles/preview.html", context)


@login_required
@require_GET
@never_cache
def download(request: HttpRequest, pk: int, format_name: str) -> HttpResponse:
    """The draft in one of the registry's formats, as a file to save; a large PDF the task
    worker is rendering answers a page that asks again until it is ready."""
    if format_name not in EXPORTERS:
        raise Http404("No such format.")
    # Without its lists: a PDF in the cache needs none (the export reads them when it needs them).
    job_description = get_job_description_for_user(
        request, pk, read_only=True, with_template_title=False
    )
    if format_name == "pdf" and (retry_after := PDF_DOWNLOADS.hit(request.user.pk)):
        return too_many_requests(retry_after, "You have downloaded many PDFs in a short time.")
    try:
        exported = jobdescription_export(job_description=job_description, format_name=format_name)
    except DocumentBeingPrepared:
        context = {"job_description": job_description, "refresh": PREPARING_REFRESH_SECONDS}
        response = render(request, "roles/pdf_preparing.html", context, status=202)
        response["Refresh"] = str(PREPARING_REFRESH_SECONDS)
        return response
    except DocumentRenderError as error:
        context = {
            "job_description": job_description,
            "message": str(error),
            "format_label": EXPORTERS[format_name].label,
        }
        return render(request, "roles/pdf_error.html", context, status=422)
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


@login_required
@require_GET
def organisation_logo(request: HttpRequest) -> FileResponse:
    """The organisation's logo for the HTML preview (``logo_response``)."""
    # The preview names it with a version (?v=), which changes with every new logo.
    return logo_response(OrganisationProfile.load(), cache_control="private, max-age=86400")

"""Bulk export: drafts selected in a list, one ZIP made in the background, its progress, and its
download for the day it is kept."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from roles.access import get_bulk_export_for_user
from roles.documents.registry import EXPORTERS
from roles.forms.pages import BulkExportForm
from roles.models import (
    BULK_EXPORT_KEPT_FOR,
    BULK_EXPORT_MAX_BYTES,
    BULK_EXPORT_MAX_DRAFTS,
    BulkExportStatus,
)
from roles.selectors.exports import recent_bulk_exports
from roles.services.exports import bulkexport_create


def _limits() -> dict:
    return {
        "max_drafts": BULK_EXPORT_MAX_DRAFTS,
        "max_megabytes": BULK_EXPORT_MAX_BYTES // (1024 * 1024),
        "kept_hours": int(BULK_EXPORT_KEPT_FOR.total_seconds() // 3600),
    }


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def bulk_exports(request: HttpRequest) -> HttpResponse:
    """The person's bulk exports (GET); a new one from a drafts list's selection (POST)."""
    form = BulkExportForm(request.POST if request.method == "POST" else None, formats=EXPORTERS)
    if request.method == "POST" and form.is_valid():
        try:
            bulk_export = bulkexport_create(
                user=request.user,
                job_description_ids=form.cleaned_data["drafts"],
                format_name=form.cleaned_data["format"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("roles:bulk_export", pk=bulk_export.pk)
    exports = recent_bulk_exports(request.user)
    context = {"form": form, "exports": exports, **_limits()}
    return render(request, "roles/bulk_exports.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
@never_cache
def bulk_export(request: HttpRequest, pk: int) -> HttpResponse:
    """One export's progress; htmx asks for the status part alone every second until it ends."""
    bulk_export = get_bulk_export_for_user(request, pk)
    context = {"export": bulk_export, "format_label": _label(bulk_export.format), **_limits()}
    if request.headers.get("HX-Request"):
        return render(request, "roles/_bulk_export_status.html", context)
    return render(request, "roles/bulk_export.html", context)


@login_required
@require_GET
@never_cache
def bulk_export_download(request: HttpRequest, pk: int) -> FileResponse:
    bulk_export = get_bulk_export_for_user(request, pk, to_download=True)
    if bulk_export.status != BulkExportStatus.READY or bulk_export.expires_at <= timezone.now():
        raise Http404("This export is not ready, or it has expired.")
    try:
        content = bulk_export.file.open("rb")
    except OSError as error:
        raise Http404("This export's file is gone.") from error
    return FileResponse(
        content,
        as_attachment=True,
        filename=bulk_export.file.name.rsplit("/", 1)[-1],
        content_type="application/zip",
    )


def _label(format_name: str) -> str:
    exporter = EXPORTERS.get(format_name)
    return exporter.label if exporter else format_name

"""A draft's history: every saved version, one version as a document, and restoring it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from roles.access import get_job_description_for_user
from roles.documents.data import document_from_version
from roles.documents.html import preview_context
from roles.models import JobDescription
from roles.selectors.history import jobdescription_versions, version_history
from roles.selectors.review import review_trail
from roles.services.drafts import NotEditable, jobdescription_restore_version


def _get_version(job_description: JobDescription, version_id: int):
    return get_object_or_404(jobdescription_versions(job_description), pk=version_id)


@login_required
@require_GET
@never_cache
def history(request: HttpRequest, pk: int) -> HttpResponse:
    job_description = get_job_description_for_user(request, pk)
    context = {
        "job_description": job_description,
        "rows": version_history(job_description),
        "audit_entries": review_trail(job_description),
    }
    return render(request, "roles/history.html", context)


@login_required
@require_GET
@never_cache
def history_version(request: HttpRequest, pk: int, version_id: int) -> HttpResponse:
    job_description = get_job_description_for_user(request, pk)
    version = _get_version(job_description, version_id)
    context = {
        **preview_context(document_from_version(version)),
        "job_description": job_description,
        "version": version,
    }
    return render(request, "roles/history_version.html", context)


@login_required
@require_POST
def history_restore(request: HttpRequest, pk: int, version_id: int) -> HttpResponse:
    job_description = get_job_description_for_user(request, pk)
    version = _get_version(job_description, version_id)
    try:
        jobdescription_restore_version(
            job_description=job_description, version=version, user=request.user
        )
    except NotEditable as error:
        messages.error(request, str(error))
        return redirect("roles:history", pk=pk)
    messages.success(
        request, f"Restored the version of {version.revision.date_created:%d %b %Y, %H:%M}."
    )
    return redirect(job_description)

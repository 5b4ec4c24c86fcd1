"""Thin views: parse forms, call a service, redirect. Every draft goes through one access helper."""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.db.models import F, prefetch_related_objects
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotModified,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .document import (
    DocumentRenderError,
    cached_pdf,
    document_context,
    document_media,
    fingerprint,
    render_html,
)
from .forms import ITEM_FORMSETS, DraftSearchForm, editor_forms, error_summary
from .fragments import cached_fragment
from .history import DocumentAt, describe_changes
from .models import (
    ITEM_LISTS,
    MAX_ITEMS,
    TRASH_RETENTION_DAYS,
    JobDescription,
    OrganisationProfile,
    RoleTemplate,
)
from .services import (
    EditConflict,
    jobdescription_create_from_template,
    jobdescription_duplicate,
    jobdescription_restore,
    jobdescription_restore_version,
    jobdescription_save,
    jobdescription_trash,
    jobdescription_versions,
)

DRAFTS_PER_PAGE = 20
EDITOR_FIELDS_TEMPLATE = "roles/_editor_fields.html"


READ_ALL_PERMISSION = "roles.read_all_jobdescriptions"


def get_job_description_for_user(
    request: HttpRequest, pk: int, *, with_items: bool = False, read_only: bool = False
):
    """The draft ``pk`` if the signed-in user may have it; 404 for anyone else.

    Owners may do anything with their drafts. With ``read_only`` (preview, PDF), HR managers,
    who hold the read-all permission, may also read everyone's.
    """
    # The editor's header names the template a draft came from: its title is all it needs, not
    # the template's every column (a fifth of an editor request's work when selected whole).
    queryset = JobDescription.objects.live().annotate(
        source_template_title=F("source_template__title")
    )
    job_description = get_object_or_404(queryset, pk=pk)
    # The owner's own draft needs no permission lookup (a query): check ownership first.
    if job_description.owner_id != request.user.pk and not (
        read_only and request.user.has_perm(READ_ALL_PERMISSION)
    ):
        raise Http404("No such draft.")
    if with_items:
        prefetch_related_objects([job_description], *(name for name, *_ in ITEM_LISTS))
    return job_description


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: 200 when the database and the cache answer, 503 when one does not."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except DatabaseError:
        checks["database"] = "unreachable"
    try:
        cache.set("healthz", "ok", 10)
        checks["cache"] = "ok" if cache.get("healthz") == "ok" else "unreachable"
    except Exception:  # Any cache backend error means the same thing here.
        checks["cache"] = "unreachable"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(checks, status=200 if healthy else 503)


@login_required
@require_GET
def organisation_logo(request: HttpRequest) -> FileResponse:
    """The organisation's logo for the HTML preview, read through the storage API (a local folder
    or a private bucket) and served from the app's own origin, the only one its CSP allows."""
    logo = OrganisationProfile.load().logo
    if not logo:
        raise Http404("No logo.")
    try:
        content = logo.open("rb")
    except OSError as error:
        raise Http404("The logo cannot be read.") from error
    content_type, _ = mimetypes.guess_type(logo.name)
    response = FileResponse(content, content_type=content_type or "application/octet-stream")
    # The preview names it with a version (?v=), which changes with every new logo.
    response["Cache-Control"] = "private, max-age=86400"
    # An SVG opened on its own is a document: nothing in it may run or load anything.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    return response


@login_required
@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    templates = RoleTemplate.objects.active().with_items()
    return render(request, "roles/compare.html", {"templates": templates})


@login_required
@require_POST
def start_draft(request: HttpRequest, slug: str) -> HttpResponse:
    template = get_object_or_404(RoleTemplate.objects.active(), slug=slug)
    job_description = jobdescription_create_from_template(template=template, owner=request.user)
    messages.success(
        request, f"Draft started from “{template.title}”. Tailor it, then preview or export."
    )
    return redirect(job_description)


@login_required
@require_GET
@never_cache
def draft_list(request: HttpRequest) -> HttpResponse:
    search = DraftSearchForm(request.GET)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    drafts = (
        JobDescription.objects.owned_by(request.user)
        .live()
        .search(query)
        .only("pk", "title", "level", "company", "department", "updated_at")
    )
    page = Paginator(drafts, DRAFTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"search": search, "query": query, "page": page}
    # htmx's live search swaps in the results only; a history restore wants the whole page.
    if request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request"):
        return render(request, "roles/_draft_results.html", context)
    return render(request, "roles/draft_list.html", context)


@login_required
@require_GET
@permission_required(READ_ALL_PERMISSION, raise_exception=True)
@never_cache
def all_drafts(request: HttpRequest) -> HttpResponse:
    """Every live draft of the organisation, for HR managers to read."""
    search = DraftSearchForm(request.GET)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    drafts = (
        JobDescription.objects.live()
        .search(query)
        .select_related("owner")
        .only("pk", "title", "level", "company", "updated_at", "owner__username")
    )
    page = Paginator(drafts, DRAFTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "roles/all_drafts.html", {"search": search, "query": query, "page": page}
    )


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    job_description = get_job_description_for_user(request, pk)
    if request.method == "GET":
        editor_fields = _saved_editor_fields(job_description, add_to=request.GET.get("add"))
        context = {"job_description": job_description, "editor_fields": editor_fields}
        return render(request, "roles/editor.html", context)
    errors, conflict, status = [], None, 200
    form, formsets = editor_forms(job_description, request.POST)
    # Validate everything (no short-circuit) so every error shows at once.
    valid = [form.is_valid()] + [formset.is_valid() for formset in formsets.values()]
    if all(valid):
        try:
            jobdescription_save(
                form=form,
                formsets=formsets,
                expected_version=form.cleaned_data["loaded_version"],
                user=request.user,
            )
            return _after_save(request, job_description)
        except EditConflict as error:
            # Nothing was written. Show the person their own text again, now based on the
            # newer version, so saving once more replaces it deliberately.
            conflict, status = error.current, 409
            data = request.POST.copy()
            data["loaded_version"] = str(conflict.version)
            form, formsets = editor_forms(conflict, data)
    else:
        errors = error_summary(form, formsets)
    # The form has written the rejected values onto the instance; the page header shows the
    # draft as it is saved, so read it back.
    job_description.refresh_from_db()
    context = {
        "job_description": job_description,
        "editor_fields": render_to_string(
            EDITOR_FIELDS_TEMPLATE, _editor_fields_context(job_description, form, formsets)
        ),
        "errors": errors,
        "conflict": conflict,
    }
    return render(request, "roles/editor.html", context, status=status)


def _editor_fields_context(job_description: JobDescription, form, formsets) -> dict:
    return {
        "job_description": job_description,
        "form": form,
        "formsets": formsets,
        "max_items": MAX_ITEMS,
    }


def _saved_editor_fields(job_description: JobDescription, *, add_to: str | None) -> str:
    """The editor's fields for the draft as saved (with a blank row in the list ``add_to``).

    They are the same for every request until the draft's next save, which bumps its version,
    so they are cached by version: opening a draft again skips rendering its ~200 widgets.
    """

    def context() -> dict:
        return _editor_fields_context(
            job_description, *editor_forms(job_description, add_to=add_to)
        )

    if add_to is not None:
        return render_to_string(EDITOR_FIELDS_TEMPLATE, context())
    # The save time too, in case a purged draft's number is ever given to a new one.
    key = f"{job_description.pk}:{job_description.version}:{job_description.updated_at.isoformat()}"
    return cached_fragment(EDITOR_FIELDS_TEMPLATE, context, key=key)


def _after_save(request: HttpRequest, job_description: JobDescription) -> HttpResponse:
    """Where each of the editor's submit buttons leads once the draft is saved."""
    add_to = request.POST.get("add")
    if add_to in ITEM_FORMSETS:
        # Without JavaScript, "Add" saves and comes back with a blank row in that list.
        new_index = getattr(job_description, add_to).count()
        return redirect(
            f"{job_description.get_absolute_url()}?add={add_to}#row-{add_to}-{new_index}"
        )
    if request.POST.get("then") == "preview":
        return redirect("roles:preview", pk=job_description.pk)
    messages.success(request, "Draft saved.")
    return redirect(job_description)


@login_required
@require_GET
def new_row(request: HttpRequest, pk: int, prefix: str) -> HttpResponse:
    """One blank row for a list, for htmx to append without reloading the editor."""
    job_description = get_job_description_for_user(request, pk)
    formset_class = ITEM_FORMSETS.get(prefix)
    if formset_class is None:
        raise Http404("No such list.")
    try:
        index = int(request.GET.get(f"{prefix}-TOTAL_FORMS", ""))
    except ValueError:
        return HttpResponse("The number of rows is missing.", status=400)
    if not 0 <= index <= MAX_ITEMS:
        return HttpResponse("The number of rows is out of range.", status=400)
    formset = formset_class(instance=job_description, prefix=prefix)
    context = {"formset": formset, "index": index, "max_items": MAX_ITEMS}
    if index < MAX_ITEMS:
        context["item_form"] = formset.blank_form(index)
    return render(request, "roles/_new_row.html", context)


@login_required
@require_GET
@never_cache
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    job_description = get_job_description_for_user(request, pk, with_items=True, read_only=True)
    context = {**document_context(job_description), "job_description": job_description}
    return render(request, "roles/preview.html", context)


@login_required
@require_GET
@never_cache
def pdf(request: HttpRequest, pk: int) -> HttpResponse:
    job_description = get_job_description_for_user(request, pk, with_items=True, read_only=True)
    organisation = OrganisationProfile.load()
    html = render_html(job_description, organisation)
    etag = f'"{fingerprint(html)}"'
    if etag in request.headers.get("If-None-Match", ""):
        return HttpResponseNotModified(headers={"ETag": etag})
    try:
        pdf_bytes = cached_pdf(html, etag.strip('"'), lambda: document_media(organisation))
    except DocumentRenderError as error:
        context = {"job_description": job_description, "message": str(error)}
        return render(request, "roles/pdf_error.html", context, status=422)
    return HttpResponse(
        pdf_bytes,
        content_type="application/pdf",
        headers={
            "Content-Disposition": content_disposition_header(
                as_attachment=True, filename=job_description.pdf_filename
            ),
            "ETag": etag,
        },
    )


@login_required
@require_POST
def duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    job_description = get_job_description_for_user(request, pk)
    copy = jobdescription_duplicate(job_description=job_description, owner=request.user)
    messages.success(request, f"Duplicated as “{copy.title}”.")
    return redirect(copy)


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    job_description = get_job_description_for_user(request, pk)
    if request.method == "POST":
        jobdescription_trash(job_description=job_description)
        messages.success(
            request,
            f"Moved “{job_description.title}” to the trash. You can restore it for "
            f"{TRASH_RETENTION_DAYS} days.",
        )
        return redirect("roles:draft_list")
    context = {"job_description": job_description, "retention_days": TRASH_RETENTION_DAYS}
    return render(request, "roles/delete_confirm.html", context)


@login_required
@require_GET
@never_cache
def history(request: HttpRequest, pk: int) -> HttpResponse:
    job_description = get_job_description_for_user(request, pk)
    versions = list(
        jobdescription_versions(job_description).prefetch_related("revision__version_set")
    )
    rows = [
        (
            version,
            describe_changes(version, versions[index + 1] if index + 1 < len(versions) else None),
        )
        for index, version in enumerate(versions)
    ]
    return render(request, "roles/history.html", {"job_description": job_description, "rows": rows})


def _get_version(job_description: JobDescription, version_id: int):
    return get_object_or_404(jobdescription_versions(job_description), pk=version_id)


@login_required
@require_GET
@never_cache
def history_version(request: HttpRequest, pk: int, version_id: int) -> HttpResponse:
    job_description = get_job_description_for_user(request, pk)
    version = _get_version(job_description, version_id)
    document = DocumentAt(version)
    context = {**document_context(document), "job_description": job_description, "version": version}
    return render(request, "roles/history_version.html", context)


@login_required
@require_POST
def history_restore(request: HttpRequest, pk: int, version_id: int) -> HttpResponse:
    job_description = get_job_description_for_user(request, pk)
    version = _get_version(job_description, version_id)
    jobdescription_restore_version(
        job_description=job_description, version=version, user=request.user
    )
    messages.success(
        request, f"Restored the version of {version.revision.date_created:%d %b %Y, %H:%M}."
    )
    return redirect(job_description)


@login_required
@require_GET
@never_cache
def trash(request: HttpRequest) -> HttpResponse:
    drafts = (
        JobDescription.objects.owned_by(request.user)
        .trashed()
        .order_by("-deleted_at")
        .only("pk", "title", "level", "company", "deleted_at")
    )
    page = Paginator(drafts, DRAFTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "retention_days": TRASH_RETENTION_DAYS}
    return render(request, "roles/trash.html", context)


@login_required
@require_POST
def restore(request: HttpRequest, pk: int) -> HttpResponse:
    job_description = get_object_or_404(
        JobDescription.objects.owned_by(request.user).trashed(), pk=pk
    )
    jobdescription_restore(job_description=job_description)
    messages.success(request, f"Restored “{job_description.title}”.")
    return redirect(job_description)


@login_required
@require_GET
@permission_required("roles.view_roletemplate", raise_exception=True)
def template_preview(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(RoleTemplate.objects.with_items(), pk=pk)
    context = {
        **document_context(template),
        "admin_change_url": reverse("admin:roles_roletemplate_change", args=[pk]),
    }
    return render(request, "roles/preview.html", context)

"""Lists of drafts (mine, everyone's, the trash) and what is done to a draft whole: duplicate,
delete, restore."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roles.access import READ_ALL_PERMISSION, get_job_description_for_user
from roles.documents.registry import EXPORTERS
from roles.forms.pages import DraftSearchForm
from roles.models import BULK_EXPORT_MAX_DRAFTS, TRASH_RETENTION_DAYS
from roles.selectors.drafts import (
    DRAFT_SORTS,
    drafts_in_trash,
    drafts_of_everyone,
    drafts_owned_by,
)
from roles.services.drafts import (
    NotEditable,
    jobdescription_duplicate,
    jobdescription_restore,
    jobdescription_trash,
)

DRAFTS_PER_PAGE = 20


def _bulk_export_context() -> dict:
    """What a drafts list's "export selected" bar offers."""
    return {
        "download_formats": list(EXPORTERS.items()),
        "bulk_export_max_drafts": BULK_EXPORT_MAX_DRAFTS,
    }


def _search(request: HttpRequest) -> tuple[DraftSearchForm, str, dict]:
    """The list's search form, its title query and its filters (an invalid one ignored)."""
    search = DraftSearchForm(request.GET or None, sorts=DRAFT_SORTS)
    filters = search.filters()
    query = (search.cleaned_data.get("q") or "").strip() if search.is_bound else ""
    return search, query, filters


def _list_context(search, query, filters, page) -> dict:
    # The pages' links keep the filters: everything the form sent but the page number.
    kept = {name: value for name, value in {"q": query, **filters}.items() if value}
    return {
        "search": search,
        "query": query,
        "filters": filters,
        "page": page,
        "page_query": urlencode(kept),
        **_bulk_export_context(),
    }


@login_required
@require_GET
@never_cache
def draft_list(request: HttpRequest) -> HttpResponse:
    search, query, filters = _search(request)
    filters["owner"] = ""  # all one's own
    drafts = drafts_owned_by(request.user, query, filters)
    page = Paginator(drafts, DRAFTS_PER_PAGE).get_page(request.GET.get("page"))
    context = _list_context(search, query, filters, page)
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
    search, query, filters = _search(request)
    drafts = drafts_of_everyone(query, filters)
    page = Paginator(drafts, DRAFTS_PER_PAGE).get_page(request.GET.get("page"))
    context = _list_context(search, query, filters, page)
    return render(request, "roles/all_drafts.html", context)


@login_required
@require_GET
@never_cache
def trash(request: HttpRequest) -> HttpResponse:
    page = Paginator(drafts_in_trash(request.user), DRAFTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {"page": page, "retention_days": TRASH_RETENTION_DAYS}
    return render(request, "roles/trash.html", context)


@login_required
@require_POST
def duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    job_description = get_job_description_for_user(request, pk)
    copy = jobdescription_duplicate(job_description=job_description, owner=request.user)
    messages.success(request, f"Duplicated as “{copy.title}”.")
    return redirect(copy)


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    job_description = get_job_description_for_user(request, pk)
    if request.method == "POST":
        try:
            jobdescription_trash(job_description=job_description, user=request.user)
        except NotEditable as error:
            messages.error(request, str(error))
            return redirect("roles:review", pk=pk)
        messages.success(
            request,
            f"Moved “{job_description.title}” to the trash. You can restore it for "
            f"{TRASH_RETENTION_DAYS} days.",
        )
        return redirect("roles:draft_list")
    context = {"job_description": job_description, "retention_days": TRASH_RETENTION_DAYS}
    return render(request, "roles/delete_confirm.html", context)


@login_required
@require_POST
def restore(request: HttpRequest, pk: int) -> HttpResponse:
    job_description = get_job_description_for_user(request, pk, in_trash=True)
    jobdescription_restore(job_description=job_description)
    messages.success(request, f"Restored “{job_description.title}”.")
    return redirect(job_description)

"""The draft editor: the whole draft in one form, saved at once, with and without JavaScript."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from roles.access import get_job_description_for_user
from roles.forms import ITEM_FORMSETS, draft_values, editor_forms, error_summary
from roles.models import MAX_ITEMS, JobDescription
from roles.selectors import background_render_failure, task_worker_running
from roles.services.drafts import EditConflict, jobdescription_save


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    # The formsets read the lists themselves (a prefetch would be read again by each formset).
    job_description = get_job_description_for_user(request, pk)
    if request.method == "GET":
        form, formsets = editor_forms(job_description, add_to=request.GET.get("add"))
        return _editor_page(request, job_description, form, formsets)
    errors, conflict, status = [], None, 200
    form, formsets = editor_forms(job_description, request.POST)
    # Validate everything (no short-circuit) so every error shows at once.
    valid = [form.is_valid()] + [formset.is_valid() for formset in formsets.values()]
    if all(valid):
        fields, items = draft_values(form, formsets)
        try:
            jobdescription_save(
                job_description=job_description,
                fields=fields,
                items=items,
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
    return _editor_page(
        request, job_description, form, formsets, errors=errors, conflict=conflict, status=status
    )


def _editor_page(
    request: HttpRequest,
    job_description: JobDescription,
    form,
    formsets: dict,
    *,
    errors=(),
    conflict: JobDescription | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "job_description": job_description,
        "form": form,
        "formsets": formsets,
        "max_items": MAX_ITEMS,
        "errors": errors,
        "conflict": conflict,
        "documents_on_demand": not task_worker_running(),
        "background_render_failure": background_render_failure(job_description),
    }
    return render(request, "roles/editor.html", context, status=status)


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

"""The draft editor: the whole draft in one form, saved at once, with and without JavaScript."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roles.access import get_job_description_for_user
from roles.checks.findings import CATEGORIES
from roles.documents.data import document_from_draft, document_from_values
from roles.documents.registry import EXPORTERS
from roles.forms.editor import (
    ITEM_FORMSETS,
    ITEM_MAIN_FIELDS,
    draft_values,
    editor_forms,
    error_summary,
    live_values,
    saved_rows,
)
from roles.http import RateLimit, parse_id, too_many_requests
from roles.models import EDITABLE_STATES, MAX_ITEMS, JobDescription, ReviewState
from roles.ops import background_render_failure, task_worker_running
from roles.selectors.comments import open_comment_count, open_item_comment_counts
from roles.selectors.guidance import draft_guidance
from roles.selectors.review import (
    by_severity,
    changes_asked,
    current_approval,
    suggestions_phrase,
)
from roles.selectors.template_updates import template_updates, template_updates_pending
from roles.services.drafts import EditConflict, NotEditable, jobdescription_save
from roles.services.guidance import DismissalRefused, finding_dismiss, finding_restore
from roles.services.template_updates import template_update_take, template_updates_seen


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    # The formsets read the lists themselves (a prefetch would be read again by each formset).
    job_description = get_job_description_for_user(request, pk)
    if request.method == "GET" and job_description.review_state not in EDITABLE_STATES:
        # In review or archived the text is read-only: the review page shows it, and why. (A
        # save from a page opened before is refused by the service, the text kept in the form.)
        messages.info(request, str(NotEditable(job_description)))
        return redirect("roles:review", pk=pk)
    if request.method == "GET":
        form, formsets = editor_forms(job_description, add_to=request.GET.get("add"))
        return _editor_page(request, job_description, form, formsets)
    errors, conflict, status = [], None, 200
    form, formsets = editor_forms(job_description, request.POST)
    # Validate everything (no short-circuit) so every error shows at once.
    valid = [form.is_valid()] + [formset.is_valid() for formset in formsets.values()]
    was_approved = job_description.review_state == ReviewState.APPROVED
    if all(valid) and was_approved and request.POST.get("confirm_new_round") != "1":
        # The first save of an approved JD asks first: it starts a new approval round. Nothing
        # is saved; the person's text stays in the form, with the question above it.
        guidance = _live_guidance(job_description, form, formsets)
        return _editor_page(
            request, job_description, form, formsets, guidance=guidance, confirm_new_round=True
        )
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
            return _after_save(request, job_description, was_approved=was_approved)
        except EditConflict as error:
            # Nothing was written. Show the person their own text again, now based on the
            # newer version, so saving once more replaces it deliberately.
            conflict, status = error.current, 409
            data = request.POST.copy()
            data["loaded_version"] = str(conflict.version)
            form, formsets = editor_forms(conflict, data)
        except NotEditable as error:
            # Nothing was written; the person's text stays in the form, with the reason.
            errors, status = [("", str(error))], 409
    else:
        errors = error_summary(form, formsets)
    # The guidance checks what the person wrote, saved or not.
    guidance = _live_guidance(job_description, form, formsets)
    # The form has written the rejected values onto the instance; the page header shows the
    # draft as it is saved, so read it back.
    job_description.refresh_from_db()
    return _editor_page(
        request,
        job_description,
        form,
        formsets,
        errors=errors,
        conflict=conflict,
        status=status,
        guidance=guidance,
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
    guidance: dict | None = None,
    confirm_new_round: bool = False,
) -> HttpResponse:
    if guidance is None:
        rows, prefixes = saved_rows(formsets)
        document = document_from_draft(job_description, rows_by_list=rows)
        guidance = _guidance(job_description, document, prefixes)
    # Open comment threads beside the items they are on (one query for all the lists).
    counts = open_item_comment_counts(job_description)
    for formset in formsets.values():
        for item_form in formset.forms:
            instance = item_form.instance
            key = (type(instance).__name__.lower(), instance.pk)
            item_form.open_comments = counts.get(key, 0) if instance.pk else 0
    context = {
        **guidance,
        "job_description": job_description,
        "form": form,
        "formsets": formsets,
        "max_items": MAX_ITEMS,
        "errors": errors,
        "conflict": conflict,
        "documents_on_demand": not task_worker_running(),
        "download_formats": list(EXPORTERS.items()),
        "open_comments": open_comment_count(job_description),
        "template_updates_pending": template_updates_pending(job_description),
        "background_render_failure": background_render_failure(job_description),
        "approval": current_approval(job_description),
        "changes_asked": changes_asked(job_description),
        "confirm_new_round": confirm_new_round,
    }
    return render(request, "roles/editor.html", context, status=status)


def _after_save(
    request: HttpRequest, job_description: JobDescription, *, was_approved: bool = False
) -> HttpResponse:
    """Where each of the editor's submit buttons leads once the draft is saved."""
    if was_approved:
        messages.warning(request, _needs_approval_again(job_description))
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


def _needs_approval_again(job_description: JobDescription) -> str:
    """What the owner is told once a change ends an approval: with a link to send it again."""
    return format_html(
        'Saved. This version needs approval again (the approved PDF stays available). <a href="{}">'
        "Send it for approval</a>. Who approved it last has been told.",
        reverse("roles:review", args=[job_description.pk]) + "#submit-form",
    )


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


def _live_guidance(job_description: JobDescription, form, formsets: dict) -> dict:
    fields, items, prefixes = live_values(form, formsets)
    document = document_from_values(job_description, fields, items)
    return _guidance(job_description, document, prefixes)


#: The section navigator's entries: (anchor, label, the finding sections counted under it).
NAV_SECTIONS = (
    ("role", "Summary", ("title", "reports_to", "summary", "scope", "impact", "collaboration")),
    ("responsibilities", "Responsibilities", ("responsibilities",)),
    ("kpis", "KPIs", ("kpis",)),
    ("qualifications", "Qualifications", ("qualifications",)),
    (
        "posting",
        "Posting details",
        (
            "locations",
            "salary_min",
            "salary_max",
            "benefits",
            "other_compensation",
            "closing_date",
            "apply_instructions",
            "ai_screening",
            "existing_vacancy",
        ),
    ),
)


def _guidance(job_description: JobDescription, document, prefixes: dict) -> dict:
    """The guidance panel's and the section navigator's context for ``document``."""
    guidance = draft_guidance(job_description, document)

    def anchor(finding) -> str:
        section = finding.section
        if section in prefixes:
            rows = prefixes[section]
            if finding.position is not None and finding.position < len(rows):
                field = finding.subfield or ITEM_MAIN_FIELDS[section]
                return f"id_{rows[finding.position]}-{field}"
            return f"{section}-heading"
        if section in ("", "organisation") or section.startswith("organisation."):
            return ""
        return f"id_{section}"

    groups = [
        {
            "category": category,
            "label": label,
            "findings": [(f, anchor(f)) for f in guidance.open if f.category == category],
            "info": [f for f in guidance.info if f.category == category],
        }
        for category, label in CATEGORIES.items()
    ]
    required = sum(1 for f in guidance.open if f.severity == "required")
    counts = {
        "responsibilities": (len(document.responsibilities), "item"),
        "kpis": (len(document.kpis), "item"),
        "qualifications": (len(document.qualifications), "item"),
        "posting": (len(document.locations), "location"),
    }
    nav = [
        {
            "anchor": key,
            "label": label,
            "items": counts.get(key, (None, ""))[0],
            "noun": counts.get(key, (None, ""))[1],
            "findings": sum(1 for f in guidance.open if f.section in sections),
        }
        for key, label, sections in NAV_SECTIONS
    ]
    return {
        "guidance": guidance,
        "guidance_groups": groups,
        "guidance_phrase": suggestions_phrase(guidance.open_count, required),
        # The Download menu warns while one is open.
        "required_open": required,
        "guidance_entries": _panel_entries(guidance.open, anchor),
        "kept": [(finding, dismissal, anchor(finding)) for finding, dismissal in guidance.kept],
        "section_nav": nav,
    }


#: How the panel names where a finding is: the section, or the list and the item's number as
#: the editor numbers its rows (from 1).
PLACE_LABELS = {
    "title": "Title",
    "reports_to": "Reports to",
    "summary": "Summary",
    "scope": "Scope",
    "impact": "Impact",
    "collaboration": "Collaboration",
    "responsibilities": "Responsibility",
    "kpis": "KPI",
    "qualifications": "Qualification",
    "locations": "Location",
}


def _place(finding) -> str:
    label = PLACE_LABELS.get(finding.section, "")
    if label and finding.position is not None:
        return f"{label} {finding.position + 1}"
    return label


def _panel_entries(findings, anchor) -> list[dict]:
    """The panel's findings, required first then by group, the same words of one check in
    several places as one entry ("young: Summary, Responsibility 10"). Each entry keeps every
    finding it holds, so "Go to the text" reaches each place and "Keep as written" keeps all."""
    entries: dict[tuple, dict] = {}
    for finding in by_severity(findings):
        quote = finding.quote.lower()
        key = (finding.code, quote) if quote else (finding.key,)
        entry = entries.setdefault(
            key,
            {
                "finding": finding,
                "group": CATEGORIES.get(finding.category, ""),
                "places": [],
            },
        )
        entry["places"].append((finding, anchor(finding), _place(finding)))
    for entry in entries.values():
        # Named once each: the same words twice in one field are one place.
        entry["labels"] = list(dict.fromkeys(place for _, _, place in entry["places"]))
    return list(entries.values())


#: Live checks per person: one per pause in typing is far fewer than one a second. Over the
#: limit the answer is 429, which htmx does not swap in (its default for 4xx): the panel keeps
#: what it showed, and the next pause after the minute checks again.
GUIDANCE_RATE = RateLimit("guidance", limit=60, seconds=60)


@login_required
@require_POST
@never_cache
def guidance(request: HttpRequest, pk: int) -> HttpResponse:
    """The guidance panel for what the editor holds now (htmx, as the person types). Checks the
    posted values and saves nothing."""
    job_description = get_job_description_for_user(request, pk)
    if retry_after := GUIDANCE_RATE.hit(request.user.pk):
        return too_many_requests(retry_after, "Too many checks in a minute.")
    return _panel(request, job_description)


def _panel(
    request: HttpRequest, job_description: JobDescription, refused: str = ""
) -> HttpResponse:
    form, formsets = editor_forms(job_description, request.POST)
    context = {
        "job_description": job_description,
        "oob": True,
        "guidance_refused": refused,
        **_live_guidance(job_description, form, formsets),
    }
    return render(request, "roles/_guidance_response.html", context)


#: The most places one "Keep as written" keeps at once (a grouped entry's places).
MAX_GROUPED_KEEPS = 50


@login_required
@require_POST
def dismiss_finding(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Keep as written": with htmx the panel comes back for the editor's current text;
    without JavaScript the editor reloads."""
    job_description = get_job_description_for_user(request, pk)
    # One finding, or the places of one grouped entry (the same words in several fields).
    pairs = list(zip(request.POST.getlist("key"), request.POST.getlist("digest"), strict=False))
    if not pairs or len(pairs) > MAX_GROUPED_KEEPS:
        return HttpResponse("Which finding to keep as written is missing.", status=400)
    if any(not key or len(digest) != 64 for key, digest in pairs):
        return HttpResponse("Which finding to keep as written is missing.", status=400)
    try:
        for key, digest in pairs:
            finding_dismiss(
                job_description=job_description, key=key, text_digest=digest, user=request.user
            )
    except DismissalRefused as error:
        # Nothing was written; the person is told where they are looking, with or without htmx.
        return _after_guidance_change(request, job_description, refused=str(error))
    return _after_guidance_change(request, job_description)


@login_required
@require_POST
def restore_finding(request: HttpRequest, pk: int) -> HttpResponse:
    job_description = get_job_description_for_user(request, pk)
    if not (key := request.POST.get("key", "")):
        return HttpResponse("Which finding to show again is missing.", status=400)
    finding_restore(job_description=job_description, key=key)
    return _after_guidance_change(request, job_description)


def _after_guidance_change(
    request: HttpRequest, job_description: JobDescription, refused: str = ""
) -> HttpResponse:
    if request.headers.get("HX-Request") and "loaded_version" in request.POST:
        return _panel(request, job_description, refused=refused)
    if refused:
        messages.error(request, refused)
    return redirect(f"{job_description.get_absolute_url()}#guidance-panel")


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def template_updates_page(request: HttpRequest, pk: int) -> HttpResponse:
    """What changed in the draft's template since the copy, each change to take or leave."""
    job_description = get_job_description_for_user(request, pk)
    if request.method == "POST":
        shown_revision = parse_id(request.POST.get("revision", ""))
        try:
            if request.POST.get("seen"):
                template_updates_seen(
                    job_description=job_description, shown_revision=shown_revision
                )
                messages.success(request, "Marked as up to date with the template.")
                return redirect(job_description)
            was_approved = job_description.review_state == ReviewState.APPROVED
            if was_approved and request.POST.get("confirm_new_round") != "1":
                messages.error(
                    request,
                    "This job description is approved: taking a change starts a new approval "
                    "round. Tick the box beside the change to confirm.",
                )
                return redirect("roles:template_updates", pk=pk)
            template_update_take(
                job_description=job_description,
                user=request.user,
                key=request.POST.get("key", "")[:200],
                # Not a row id, but a draft's version counts up from 1 the same way.
                expected_version=parse_id(request.POST.get("loaded_version", "")) or 0,
                shown_revision=shown_revision,
            )
            if was_approved:
                messages.warning(request, _needs_approval_again(job_description))
            else:
                messages.success(request, "Taken into the draft.")
        except EditConflict:
            messages.error(request, "The draft changed since this page was opened; look again.")
        except (NotEditable, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect("roles:template_updates", pk=pk)
    updates, revision = template_updates(job_description)
    context = {
        "job_description": job_description,
        "updates": updates,
        "revision": revision,
        "approval": current_approval(job_description),
    }
    return render(request, "roles/template_updates.html", context)

"""The role library: the start page that compares the roles, starting a draft, and the admin's
preview of a template."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from roles.access import get_job_description_for_user
from roles.checks.compare import compare_documents
from roles.checks.level_guide import recommend
from roles.documents.data import (
    Organisation,
    document_from_draft,
    document_from_template,
    document_from_template_version,
)
from roles.documents.html import preview_context
from roles.forms.pages import StartDraftForm
from roles.http import parse_id
from roles.models import RoleTemplate
from roles.selectors.level_guide import (
    level_guide_questions,
    levels_by_slug,
    recommended_template,
    templates_of_levels,
)
from roles.selectors.library import (
    comparison_choices,
    role_library,
    with_their_items,
)
from roles.selectors.review import (
    approvals_not_seen,
    changes_requested_owned_by,
    in_review_owned_by,
    waiting_for_review,
)
from roles.selectors.template_updates import template_as_copied
from roles.services.drafts import jobdescription_create_from_template

#: The organisation of the documents a comparison reads: none. A comparison reads the role's
#: fields and lists (``roles.checks.compare.FIELDS``), never the organisation, so its documents
#: skip the profile's read (the profile with its headcounts per place).
COMPARED_ORGANISATION = Organisation()


def _start_page_pair(request: HttpRequest, families, templates: dict) -> tuple[list, str]:
    """The two templates the start page compares: ``a`` and ``b`` from the query string (any two
    active templates), else the most senior neighbouring ranks of the first family that has two.
    Returns ([left, right] or [], a message for a choice that could not be shown)."""
    default = next((list(pair) for family in families for pair in family.neighbours[:1]), [])
    if "a" not in request.GET and "b" not in request.GET:
        return default, ""
    chosen = []
    for name in ("a", "b"):
        kind, _, number = request.GET.get(name, "").partition(":")
        template = templates.get(parse_id(number)) if kind == "template" else None
        if template is None:
            return (
                default,
                "That role is not in the library (any more). Choose two roles from the lists.",
            )
        chosen.append(template)
    return chosen, ""


@login_required
@require_GET
@never_cache
def compare(request: HttpRequest) -> HttpResponse:
    """The start page: the library grouped by job family, most senior first, and two roles
    compared section by section (neighbouring ranks unless the person chose another pair)."""
    families = role_library()
    templates = {template.pk: template for family in families for template in family.templates}
    pair, choice_error = _start_page_pair(request, families, templates)
    context = {
        "families": families,
        "choices": [
            (f"template:{template.pk}", f"{template.title} ({template.level.name})")
            for template in templates.values()
        ],
        "choice_error": choice_error,
        # The review inbox: at most a screenful each; "My drafts" filters for the rest.
        "waiting_for_me": waiting_for_review(request.user)[:10],
        "mine_in_review": in_review_owned_by(request.user)[:10],
        # "Needs your action": what came back to the owner, shown here whether or not e-mail
        # reaches them.
        "changes_requested": changes_requested_owned_by(request.user)[:10],
        "new_approvals": approvals_not_seen(request.user)[:10],
    }
    if pair:
        left, right = pair
        with_their_items(pair)
        context.update(
            _comparison_context(
                (left.title, document_from_template(left, COMPARED_ORGANISATION), True),
                (right.title, document_from_template(right, COMPARED_ORGANISATION), True),
            ),
            pair=pair,
            a=f"template:{left.pk}",
            b=f"template:{right.pk}",
        )
    return render(request, "roles/compare.html", context)


@login_required
@require_POST
def start_draft(request: HttpRequest, slug: str) -> HttpResponse:
    template = get_object_or_404(RoleTemplate.objects.active(), slug=slug)
    form = StartDraftForm(request.POST)
    if not form.is_valid():
        # Nothing started: say why, on the page the person came from.
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("roles:compare")
    names = form.cleaned_data
    asked_place = "city" in request.POST or "region" in request.POST
    job_description = jobdescription_create_from_template(
        template=template,
        owner=request.user,
        title=names["title"],
        department=names["department"],
        requisition_id=names["requisition_id"],
        place=(names["city"], names["region"]) if asked_place else None,
    )
    messages.success(
        request, f"Draft started from “{template.title}”. Tailor it, then preview or export."
    )
    return redirect(job_description)


@login_required
@require_GET
@permission_required("roles.view_roletemplate", raise_exception=True)
def template_preview(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(RoleTemplate.objects.with_items(), pk=pk)
    context = {
        **preview_context(document_from_template(template)),
        "admin_change_url": reverse("admin:roles_roletemplate_change", args=[pk]),
    }
    return render(request, "roles/preview.html", context)


@login_required
@require_GET
def level_guide(request: HttpRequest) -> HttpResponse:
    """ "Which level do you need?": the questions, and once answered (a GET form, so it works
    without JavaScript and the result can be bookmarked), the recommendation."""
    questions = level_guide_questions()
    chosen = {}
    for question in questions:
        if (answer := parse_id(request.GET.get(f"q{question.id}", ""))) is not None:
            chosen[question.id] = answer
    result = recommend(questions, chosen) if chosen else None
    levels = levels_by_slug()
    template = recommended_template(result.level) if result and result.level else None
    by_level = [
        (levels[slug], result.scores[slug], reasons)
        for slug, reasons in (result.by_level if result else ())
        if slug in levels
    ]
    # The two levels with the most weight, the more senior first: what mixed answers mean.
    top_two = sorted((row[0] for row in by_level[:2]), key=lambda level: -level.rank)
    context = {
        "questions": questions,
        "chosen": chosen,
        "result": result,
        "level": levels.get(result.level) if result else None,
        "by_level": by_level,
        "template": template,
        "mixed_levels": top_two,
        # The two levels to compare, as the start page's choice of pair.
        "compare_pair": templates_of_levels(*top_two) if len(top_two) == 2 else None,
    }
    return render(request, "roles/level_guide.html", context)


def _side(request: HttpRequest, value: str):
    """One side of a comparison from ``template:<id>`` or ``draft:<id>``: (label, document, is
    a template). Drafts through the access helper; 404 for anything else."""
    kind, _, number = value.partition(":")
    if (pk := parse_id(number)) is None:
        raise Http404("Choose what to compare.")
    if kind == "template":
        template = get_object_or_404(
            RoleTemplate.objects.active().select_related("level").with_items(), pk=pk
        )
        return (
            f"Template: {template.title}",
            document_from_template(template, COMPARED_ORGANISATION),
            True,
        )
    if kind == "draft":
        draft = get_job_description_for_user(request, pk, with_items=True, read_only=True)
        return f"Draft: {draft.title}", document_from_draft(draft, COMPARED_ORGANISATION), False
    raise Http404("Choose what to compare.")


def _summary(counts: dict[str, int], left_label: str = "", right_label: str = "") -> str:
    """The comparison in one sentence: "2 fields differ; items: 20 the same, 1 moved, 3 only in
    the VP of Operations template…", each side named as the page names it."""
    fields = counts.get("changed fields", 0)
    left_name = _side_name(left_label) or "the first"
    right_name = _side_name(right_label) or "the second"
    parts = [
        f"{counts[kind]} {label}"
        for kind, label in (
            ("same", "the same"),
            ("moved", "moved"),
            ("changed", "changed"),
            ("removed", f"only in {left_name}"),
            ("added", f"only in {right_name}"),
        )
        if counts.get(kind)
    ]
    field_words = (
        "No field differs" if not fields else f"{fields} field{'s' * (fields != 1)} differ"
    )
    return f"{field_words}{'s' if fields == 1 else ''}; items: {', '.join(parts) or 'none'}."


def _side_name(label: str) -> str:
    """ "Template: VP of Operations" → "the VP of Operations template" (a side in a sentence)."""
    kind, _, title = label.partition(": ")
    if not title:
        return label
    return f"the “{title}” {kind.lower()}"


def _comparison_context(left, right) -> dict:
    """Two sides, each (label, document, is a template), compared for ``_comparison.html``."""
    (left_label, left_doc, left_template), (right_label, right_doc, right_template) = left, right
    comparison = compare_documents(
        left_doc, right_doc, left_is_template=left_template, right_is_template=right_template
    )
    return {
        "left_label": left_label,
        "right_label": right_label,
        "comparison": comparison,
        "summary": _summary(comparison.counts(), left_label, right_label),
    }


def _comparison_page(
    request,
    left,
    right,
    *,
    heading: str,
    note: str = "",
    a: str = "",
    b: str = "",
    choices: list | None = None,
) -> HttpResponse:
    context = {
        **_comparison_context(left, right),
        "heading": heading,
        "note": note,
        "choices": choices if choices is not None else comparison_choices(request.user),
        "a": a,
        "b": b,
    }
    return render(request, "roles/compare_any.html", context)


@login_required
@require_GET
@never_cache
def compare_any(request: HttpRequest) -> HttpResponse:
    """Any two role templates or drafts the person may read, section by section."""
    choices = comparison_choices(request.user)
    a = request.GET.get("a") or (choices[0][0] if choices else "")
    b = request.GET.get("b") or (choices[1][0] if len(choices) > 1 else a)
    if not a or not b:
        raise Http404("Nothing to compare yet.")
    return _comparison_page(
        request,
        _side(request, a),
        _side(request, b),
        heading="Compare two job descriptions",
        a=a,
        b=b,
        choices=choices,
    )


@login_required
@require_GET
@never_cache
def what_changed(request: HttpRequest, pk: int) -> HttpResponse:
    """A draft against the template as it was when the draft was copied from it."""
    draft = get_job_description_for_user(request, pk, with_items=True, read_only=True)
    version = template_as_copied(draft)
    if version is not None:
        template_doc = document_from_template_version(version, COMPARED_ORGANISATION)
        left = (f"Template as copied: {template_doc.title}", template_doc, True)
        note = ""
    elif draft.source_template_id:
        template = get_object_or_404(
            RoleTemplate.objects.select_related("level").with_items(), pk=draft.source_template_id
        )
        left = (
            f"Template now: {template.title}",
            document_from_template(template, COMPARED_ORGANISATION),
            True,
        )
        note = (
            "This draft was started before drafts recorded the template version they came "
            "from: it is compared with the template as it is now, its items matched by text."
        )
    else:
        raise Http404("This draft did not start from a template.")
    right = (f"Draft: {draft.title}", document_from_draft(draft, COMPARED_ORGANISATION), False)
    return _comparison_page(
        request,
        left,
        right,
        heading=f"What changed in “{draft.title}”",
        note=note,
        a=f"template:{draft.source_template_id}",
        b=f"draft:{draft.pk}",
    )

"""The role library: the start page that compares the roles, starting a draft, and the admin's
preview of a template."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from roles.checks.level_guide import recommend
from roles.documents.data import document_from_template
from roles.documents.html import preview_context
from roles.models import Level, RoleTemplate
from roles.selectors import in_review_owned_by, waiting_for_review
from roles.selectors import level_guide as level_guide_questions
from roles.services.drafts import jobdescription_create_from_template


@login_required
@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    templates = RoleTemplate.objects.active().select_related("level").with_items()
    context = {
        "templates": templates,
        # The review inbox: at most a screenful each; "My drafts" filters for the rest.
        "waiting_for_me": waiting_for_review(request.user)[:10],
        "mine_in_review": in_review_owned_by(request.user)[:10],
    }
    return render(request, "roles/compare.html", context)


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
        value = request.GET.get(f"q{question.id}", "")
        if value.isdecimal() and len(value) < 19:
            chosen[question.id] = int(value)
    result = recommend(questions, chosen) if chosen else None
    levels = {level.slug: level for level in Level.objects.all()}
    template = (
        RoleTemplate.objects.active().filter(level_id=result.level).order_by("title").first()
        if result and result.level
        else None
    )
    ranked = sorted(result.scores.items(), key=lambda item: -item[1]) if result else []
    context = {
        "questions": questions,
        "chosen": chosen,
        "result": result,
        "level": levels.get(result.level) if result else None,
        "scores": [(levels[slug].name, score) for slug, score in ranked if slug in levels],
        "template": template,
    }
    return render(request, "roles/level_guide.html", context)

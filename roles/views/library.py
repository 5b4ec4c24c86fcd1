"""The role library: the start page that compares the roles, starting a draft, and the admin's
preview of a template."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from roles.documents.data import document_from_template
from roles.documents.html import preview_context
from roles.models import RoleTemplate
from roles.selectors import in_review_owned_by, waiting_for_review
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

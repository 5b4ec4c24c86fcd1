"""Share links: the owner's (or a manager's) page to make and revoke them, and what a link shows
to someone without an account: the document page with its job posting data, and its PDF."""

from contextlib import suppress

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roles.access import get_job_description_to_share, get_share_link
from roles.documents import DocumentRenderError
from roles.documents.data import document_from_draft, document_from_version
from roles.documents.jobposting import json_ld_script
from roles.documents.registry import export
from roles.forms.pages import ShareLinkForm
from roles.http import approved_pdf_response, logo_response, too_many_requests
from roles.models import OrganisationProfile, ReviewState
from roles.models.sharing import SHARE_PDF_RATE
from roles.selectors.review import latest_approval, review_open_findings
from roles.services.documents import document_for_export
from roles.services.sharing import sharelink_create, sharelink_record_open, sharelink_revoke

#: Where the token of a link just made waits for the page that shows it once.
NEW_LINK_SESSION_KEY = "new_share_link"
#: A link that is not the public posting asks search engines to stay away (the page's meta
#: element says the same, for crawlers that read only the page).
NOINDEX = "noindex, nofollow, noarchive"


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def share_links(request: HttpRequest, pk: int) -> HttpResponse:
    job_description = get_job_description_to_share(request, pk)
    form = ShareLinkForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            share_link, token = sharelink_create(
                job_description=job_description, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # The token is shown once, on the page this redirects to, from the maker's session
            # (not a message: messages may travel in a cookie): the database keeps its hash.
            request.session[NEW_LINK_SESSION_KEY] = [pk, share_link.pk, token]
            messages.success(request, "Share link made. Copy it below and send it.")
            return redirect(f"{reverse('roles:share_links', args=[pk])}#new-link")
    new_link = None
    if request.method == "GET" and NEW_LINK_SESSION_KEY in request.session:
        draft_pk, link_pk, token = request.session.pop(NEW_LINK_SESSION_KEY)
        if draft_pk == pk:
            path = reverse("roles:shared_document", args=[token])
            new_link = {"pk": link_pk, "url": request.build_absolute_uri(path)}
    links = job_description.share_links.select_related("created_by", "revoked_by")
    context = {
        "findings": review_open_findings(job_description),
        "approved": job_description.review_state == ReviewState.APPROVED,
        "job_description": job_description,
        "form": form,
        "links": links,
        "new_link": new_link,
    }
    return render(request, "roles/share_links.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def revoke_share_link(request: HttpRequest, pk: int, link_pk: int) -> HttpResponse:
    job_description = get_job_description_to_share(request, pk)
    share_link = get_object_or_404(job_description.share_links, pk=link_pk)
    sharelink_revoke(share_link=share_link, user=request.user)
    messages.success(request, "The link is revoked: it shows “not found” from now on.")
    return redirect("roles:share_links", pk=pk)


def _robots(response: HttpResponse, share_link) -> HttpResponse:
    if not share_link.is_public_posting:
        response["X-Robots-Tag"] = NOINDEX
    return response


@require_GET
@never_cache
def shared_document(request: HttpRequest, token: str) -> HttpResponse:
    share_link = get_share_link(token, with_items=True)
    sharelink_record_open(share_link=share_link)
    # Once a version is approved the link shows it (the latest approved), not the draft.
    approval, version = latest_approval(share_link.job_description)
    if approval is not None and version is None:
        # Never the draft under an "Approved" banner: without its pinned version, nothing.
        raise Http404("The approved version cannot be read.")
    document = (
        document_from_version(version)
        if version
        else document_from_draft(share_link.job_description)
    )
    logo_src = reverse("roles:shared_logo", args=[token]) if document.organisation.logo_name else ""
    job_posting = ""
    if share_link.is_public_posting:
        page_url = request.build_absolute_uri(reverse("roles:shared_document", args=[token]))
        logo_url = request.build_absolute_uri(logo_src) if logo_src else ""
    else:
        page_url = logo_url = ""
    # A draft without a posting date or place: the page shows, without posting data.
    with suppress(DocumentRenderError):
        job_posting = json_ld_script(document, url=page_url, logo_url=logo_url)
    context = {
        "doc": document,
        "logo_src": logo_src,
        "share_link": share_link,
        # The token as presented: the page's own PDF link (the database has only its hash).
        "token": token,
        "job_posting": job_posting,
        "noindex": NOINDEX if not share_link.is_public_posting else "",
        "approval": approval,
    }
    return _robots(render(request, "roles/shared_document.html", context), share_link)


@require_GET
@never_cache
def shared_pdf(request: HttpRequest, token: str) -> HttpResponse:
    share_link = get_share_link(token, with_items=True)
    if retry_after := SHARE_PDF_RATE.hit(share_link.pk):
        return too_many_requests(
            retry_after, "This link's PDF was downloaded too often in the last minute."
        )
    approval, _ = latest_approval(share_link.job_description)
    if approval is not None:  # the approved PDF as stored, never rendered again
        return _robots(approved_pdf_response(approval), share_link)
    try:
        exported = export("pdf", document_for_export(share_link.job_description))
    except DocumentRenderError as error:
        context = {"message": str(error), "share_link": share_link, "token": token}
        return render(request, "roles/shared_error.html", context, status=422)
    response = HttpResponse(
        exported.content,
        content_type=exported.content_type,
        headers={
            "Content-Disposition": content_disposition_header(
                as_attachment=True, filename=exported.filename
            )
        },
    )
    return _robots(response, share_link)


@require_GET
def shared_logo(request: HttpRequest, token: str) -> FileResponse:
    share_link = get_share_link(token)
    # Not cached for long: a revoked link must stop serving it soon.
    response = logo_response(OrganisationProfile.load(), cache_control="private, max-age=300")
    return _robots(response, share_link)

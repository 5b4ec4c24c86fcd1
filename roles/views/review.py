"""Review and approval pages: the JD's review page (its document, its state, what the person may
do, its approvals and its trail), one POST a transition, and the approved PDF as stored. The
services decide; these views ask them what a person may do and show the answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roles.access import get_approval_for_user, get_job_description_for_user, get_past_review_round
from roles.documents.data import document_from_draft, document_from_version
from roles.documents.html import preview_context
from roles.forms.pages import ReviewDecisionForm, SubmitForReviewForm
from roles.http import approved_pdf_response, parse_id
from roles.models import ReviewAction, ReviewState
from roles.models.review import person_name
from roles.selectors.comments import comment_anchors, comment_threads
from roles.selectors.review import (
    approved_in_round,
    owner_candidates,
    review_open_findings,
    review_round_version,
    review_trail,
    reviewer_candidates,
    round_requests,
    suggested_reviewers,
    user_by_id,
    wants_comment_emails,
)
from roles.services.comments import CommentRefused, comment_add, comment_resolve
from roles.services.notifications import (
    notificationsettings_approvals_seen,
    notificationsettings_save,
)
from roles.services.review import (
    ReviewRefused,
    StaleVersion,
    open_round,
    review_allowed_actions,
    review_archive,
    review_decide,
    review_hand_over,
    review_reopen,
    review_submit,
    review_unarchive,
    review_withdraw,
)


def _page(
    request,
    job_description,
    *,
    submit_form=None,
    decision_form=None,
    stale=None,
    status=200,
    comment_body="",
):
    allowed = review_allowed_actions(job_description, request.user)
    anchors = comment_anchors(job_description)
    comment_on = request.GET.get("on", "")[:40]
    findings = review_open_findings(job_description)
    candidates = reviewer_candidates(job_description)
    suggested = suggested_reviewers(job_description, candidates)
    context = {
        **preview_context(document_from_draft(job_description)),
        "job_description": job_description,
        "allowed": allowed,
        "findings": findings,
        "review_round": open_round(job_description),
        "approvals": job_description.approvals.all(),
        "trail": review_trail(job_description),
        "submit_form": submit_form
        or SubmitForReviewForm(
            reviewers=candidates,
            open_findings=findings.total,
            initial={
                "expected_version": job_description.version,
                "reviewers": [person.pk for person in suggested],
            },
        ),
        "suggested_reviewers": suggested,
        "without_email": not request.user.email,
        "decision_form": decision_form
        or ReviewDecisionForm(initial={"seen_version": job_description.version}),
        "hand_over_to": (
            owner_candidates(job_description) if ReviewAction.HAND_OVER in allowed else []
        ),
        "archived": job_description.review_state == ReviewState.ARCHIVED,
        "stale": stale,
        "threads": (threads := comment_threads(job_description)),
        "open_comments": sum(1 for thread in threads if not thread.resolved_at),
        # Items are chosen in the document ("Comment" beside each); the list has the sections.
        "section_anchors": [pair for pair in anchors if not _is_item(pair[0])],
        "comment_on": next(
            (pair for pair in anchors if _is_item(pair[0]) and pair[0] == comment_on), None
        ),
        "comment_url": reverse("roles:review", args=[job_description.pk]),
        "comment_body": comment_body,
    }
    return render(request, "roles/review.html", context, status=status)


@login_required
@require_GET
@never_cache
def review(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        job_description = get_job_description_for_user(request, pk, with_items=True, read_only=True)
    except Http404:
        # A reviewer whose round has ended: that round's page, the JD as it was sent to them.
        return _past_round_page(request, get_past_review_round(request, pk))
    return _page(request, job_description)


def _is_item(anchor: str) -> bool:
    return anchor.partition(":")[0] in ("responsibility", "kpi", "qualification")


def _past_round_page(request, review_round) -> HttpResponse:
    version = review_round_version(review_round)
    if version is None:
        raise Http404("This round's version is no longer in the history.")
    approval = getattr(review_round, "approval", None)
    context = {
        **preview_context(document_from_version(version)),
        "job_description": review_round.job_description,
        "review_round": review_round,
        "requests": round_requests(review_round),
        "approval": approval,
        "approved_it": approval is not None and approved_in_round(review_round, request.user),
    }
    return render(request, "roles/review_round.html", context)


def _refused(request, job_description, error: ReviewRefused, **forms) -> HttpResponse:
    """Nothing changed: the page again, with why, and what the person typed."""
    if isinstance(error, StaleVersion):
        # As the editor's conflict page: the person's words kept, now on the newer version,
        # so that sending them again is a decision on the text they can now read.
        current, data = error.current, request.POST.copy()
        data["seen_version"] = data["expected_version"] = str(current.version)
        forms = {
            "decision_form": ReviewDecisionForm(data),
            "submit_form": SubmitForReviewForm(
                data,
                reviewers=reviewer_candidates(current),
                open_findings=review_open_findings(current).total,
            ),
        }
        return _page(request, current, stale=error, status=409, **forms)
    messages.error(request, str(error))
    return _page(request, job_description, status=400, **forms)


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    job_description = get_job_description_for_user(request, pk, with_items=True)
    form = SubmitForReviewForm(
        request.POST,
        reviewers=reviewer_candidates(job_description),
        open_findings=review_open_findings(job_description).total,
    )
    if not form.is_valid():
        return _page(request, job_description, submit_form=form, status=400)
    try:
        review_submit(
            job_description=job_description,
            user=request.user,
            reviewers=list(form.cleaned_data["reviewers"]),
            require_all=form.cleaned_data["require_all"],
            message=form.cleaned_data["message"],
            expected_version=form.cleaned_data["expected_version"],
        )
    except ReviewRefused as error:
        return _refused(request, job_description, error, submit_form=form)
    messages.success(request, "Sent for approval. The text is read-only until it comes back.")
    unreachable = [person_name(r) for r in form.cleaned_data["reviewers"] if not r.email]
    if unreachable:
        messages.info(
            request,
            f"No e-mail address is on file for {', '.join(unreachable)}: they see the request "
            "on their start page.",
        )
    return redirect("roles:review", pk=pk)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    job_description = get_job_description_for_user(request, pk, with_items=True, read_only=True)
    form = ReviewDecisionForm(request.POST)
    if not form.is_valid():
        return _page(request, job_description, decision_form=form, status=400)
    approve = form.cleaned_data["decision"] == "approve"
    try:
        review_decide(
            job_description=job_description,
            user=request.user,
            approve=approve,
            message=form.cleaned_data["message"],
            seen_version=form.cleaned_data["seen_version"],
            open_required_reason=form.cleaned_data["open_required_reason"],
        )
    except ReviewRefused as error:
        return _refused(request, job_description, error, decision_form=form)
    messages.success(request, "Approved." if approve else "You asked for changes.")
    return redirect("roles:review", pk=pk)


def _simple(action, done: str):
    """A POST that moves the JD with an optional message: withdraw, reopen, unarchive; ``done``
    is what the person is told afterwards."""

    @login_required
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        job_description = get_job_description_for_user(request, pk, with_items=True, read_only=True)
        try:
            action(
                job_description=job_description,
                user=request.user,
                message=request.POST.get("message", "")[:2000],
            )
        except ReviewRefused as error:
            return _refused(request, job_description, error)
        messages.success(request, done)
        return redirect("roles:review", pk=pk)

    return view


withdraw = _simple(review_withdraw, "Withdrawn from approval: you can edit it again.")
reopen = _simple(review_reopen, "Reopened: it is a draft again, to send for approval.")
unarchive = _simple(
    review_unarchive, "Unarchived: it is a draft again, to edit and send for approval."
)


@login_required
@require_http_methods(["GET", "POST"])
def archive(request: HttpRequest, pk: int) -> HttpResponse:
    """Archiving is a decision: a page that says what it does, then the POST that does it."""
    job_description = get_job_description_for_user(request, pk, with_items=True, read_only=True)
    if request.method == "GET":
        if ReviewAction.ARCHIVE not in review_allowed_actions(job_description, request.user):
            messages.error(request, "You may not archive this job description now.")
            return redirect("roles:review", pk=pk)
        context = {"job_description": job_description, "round": open_round(job_description)}
        return render(request, "roles/archive_confirm.html", context)
    try:
        review_archive(
            job_description=job_description,
            user=request.user,
            message=request.POST.get("message", "")[:2000],
        )
    except ReviewRefused as error:
        return _refused(request, job_description, error)
    messages.success(
        request,
        "Archived. Its share links stop working; the owner or an HR manager can unarchive it "
        "from this page.",
    )
    return redirect("roles:review", pk=pk)


@login_required
@require_POST
def hand_over(request: HttpRequest, pk: int) -> HttpResponse:
    job_description = get_job_description_for_user(request, pk, with_items=True, read_only=True)
    new_owner = user_by_id(parse_id(request.POST.get("new_owner", "")))
    if new_owner is None:
        messages.error(request, "Choose the person to hand it to.")
        return _page(request, job_description, status=400)
    allowed = ReviewAction.HAND_OVER in review_allowed_actions(job_description, request.user)
    if allowed and request.POST.get("confirm") != "1":
        messages.error(request, "Confirm the hand-over: tick the box under the person's name.")
        return _page(request, job_description, status=400)
    try:
        review_hand_over(
            job_description=job_description,
            user=request.user,
            new_owner=new_owner,
            message=request.POST.get("message", "")[:2000],
        )
    except ReviewRefused as error:
        return _refused(request, job_description, error)
    messages.success(request, f"Handed over to {person_name(new_owner)}.")
    return redirect("roles:review", pk=pk)


@login_required
@require_GET
@never_cache
def approved_pdf(request: HttpRequest, pk: int, approval_id: int) -> FileResponse:
    """The approved PDF exactly as stored at approval: never rendered again."""
    return approved_pdf_response(get_approval_for_user(request, pk, approval_id))


@login_required
@require_POST
def add_comment(request: HttpRequest, pk: int) -> HttpResponse:
    """A comment, or a reply (``parent``), by anyone who may read the JD."""
    job_description = get_job_description_for_user(request, pk, with_items=True, read_only=True)
    parent_id = parse_id(request.POST.get("parent", ""))
    parent = (
        get_object_or_404(job_description.comments, pk=parent_id) if parent_id is not None else None
    )
    body = request.POST.get("body", "")
    try:
        comment = comment_add(
            job_description=job_description,
            user=request.user,
            body=body,
            anchor=request.POST.get("anchor", ""),
            parent=parent,
        )
    except CommentRefused as error:
        messages.error(request, str(error))
        return _page(request, job_description, status=400, comment_body=body)
    return redirect(f"{reverse('roles:review', args=[pk])}#comment-{comment.pk}")


@login_required
@require_POST
def resolve_comment(request: HttpRequest, pk: int, comment_id: int) -> HttpResponse:
    job_description = get_job_description_for_user(request, pk, read_only=True)
    comment = get_object_or_404(job_description.comments, pk=comment_id)
    comment_resolve(comment=comment, user=request.user, resolved=request.POST.get("reopen") != "1")
    return redirect(f"{reverse('roles:review', args=[pk])}#comment-{comment.pk}")


@login_required
@require_POST
def approvals_seen(request: HttpRequest) -> HttpResponse:
    """ "Mark as seen" on the start page's approvals."""
    notificationsettings_approvals_seen(user=request.user)
    return redirect("roles:compare")


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def notification_settings(request: HttpRequest) -> HttpResponse:
    """The person's e-mail choices: comment e-mails on or off."""
    if request.method == "POST":
        notificationsettings_save(
            user=request.user, comment_emails=request.POST.get("comment_emails") == "on"
        )
        messages.success(request, "Saved.")
        return redirect("roles:notification_settings")
    context = {
        "comment_emails": wants_comment_emails(request.user),
        "has_address": bool(request.user.email),
    }
    return render(request, "roles/notification_settings.html", context)

"""E-mail about reviews and comments: who hears of each step, and the message (plain text and HTML,
with a link to the review page). Sent by the background tasks at the end of this module
(``send_review_email``, ``send_comment_email``) after the step commits, so a slow mail server
never holds up the person who acted. The tasks sit beside the services they run, as pretix keeps
its Celery tasks in its services; ``roles.tasks`` re-exports them for the jobs queued under their
former paths."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from roles.models import (
    ITEM_LISTS,
    AuditEntry,
    Comment,
    JobDescription,
    NotificationSettings,
    ReviewAction,
    ReviewDecision,
    ReviewState,
)
from roles.models.review import person_name
from roles.selectors.review import review_open_findings
from roles.services.tasks import again_later

#: The steps that send e-mail; the others (archive, unarchive) only go in the trail.
NOTIFIED_ACTIONS = frozenset(
    {
        ReviewAction.EDIT_APPROVED,
        ReviewAction.SUBMIT,
        ReviewAction.WITHDRAW,
        ReviewAction.APPROVE,
        ReviewAction.REQUEST_CHANGES,
        ReviewAction.REOPEN,
        ReviewAction.HAND_OVER,
    }
)


def _recipients(entry: AuditEntry) -> tuple[list, list]:
    """Who hears of ``entry``: the reviewers of a submission, a withdrawal or a reopening; the
    owner of a decision; the new owner of a hand-over; who approved it last, of an edit of an
    approved JD. Never the person who acted, and only people who may read the JD (its owner
    and its reviewers). Returns those to e-mail, and those with no address on file (they see
    it in the app, on their start page)."""
    job_description = entry.job_description
    requests = (
        list(entry.review_round.requests.select_related("reviewer")) if entry.review_round else []
    )
    reviewers = [r.reviewer for r in requests if r.reviewer]
    if entry.action == ReviewAction.SUBMIT:
        people = [
            r.reviewer for r in requests if r.reviewer and r.decision != ReviewDecision.CANCELLED
        ]
    elif entry.action in (ReviewAction.WITHDRAW, ReviewAction.REOPEN):
        people = reviewers
    elif entry.action in (ReviewAction.APPROVE, ReviewAction.REQUEST_CHANGES):
        people = [job_description.owner]
    elif entry.action == ReviewAction.HAND_OVER:
        people = [job_description.owner]  # the new owner, by now
    elif entry.action == ReviewAction.EDIT_APPROVED:
        approval = job_description.approvals.select_related("review_round").first()
        people = [
            r.reviewer
            for r in (approval.review_round.requests.select_related("reviewer") if approval else [])
            if r.reviewer and r.decision == ReviewDecision.APPROVED
        ]
    else:
        people = []
    unique = {person.pk: person for person in people}
    told = [
        person
        for person in unique.values()
        if person.is_active
        and person.pk != entry.actor_id
        # Checked when the e-mail goes, not when the step was taken: access can end between.
        # A withdrawal ends its reviewers' access by design, and tells them just that; a past
        # approver keeps the page of the round they approved.
        and (
            entry.action in (ReviewAction.WITHDRAW, ReviewAction.EDIT_APPROVED)
            or JobDescription.objects.readable_by(person).filter(pk=job_description.pk).exists()
        )
    ]
    return [p for p in told if p.email], [p for p in told if not p.email]


def review_notify(*, audit_entry_id: int) -> str:
    """E-mail the people ``audit_entry_id`` concerns. Returns what happened."""
    entry = (
        AuditEntry.objects.select_related("job_description__owner", "actor")
        .filter(pk=audit_entry_id)
        .first()
    )
    if entry is None or entry.job_description is None or entry.job_description.deleted_at:
        return "nothing to tell: the step or its JD is gone"
    if entry.action not in NOTIFIED_ACTIONS:
        return "not a step that sends e-mail"
    recipients, without_address = _recipients(entry)
    # Said in the task's result, never as a success: they see it on their start page instead.
    unsent = (
        f"not sent: no address ({', '.join(person_name(p) for p in without_address)})"
        if without_address
        else ""
    )
    if not recipients:
        return unsent or "nobody to tell"
    job_description = entry.job_description
    findings = None
    if entry.action == ReviewAction.SUBMIT:
        prefetch_related_objects([job_description], *(name for name, *_ in ITEM_LISTS))
        findings = review_open_findings(job_description)
    context = {
        "entry": entry,
        "job_description": job_description,
        "url": settings.SITE_URL + reverse("roles:review", args=[job_description.pk]),
        "approved": entry.to_state == ReviewState.APPROVED,
        "findings": findings,
    }
    subject = " ".join(render_to_string("roles/email/review_subject.txt", context).split())
    text = render_to_string("roles/email/review.txt", context)
    html = render_to_string("roles/email/review.html", context)
    messages = []
    for person in recipients:
        message = EmailMultiAlternatives(subject, text, to=[person.email])
        message.attach_alternative(html, "text/html")
        messages.append(message)
    sent = get_connection().send_messages(messages)
    return f"sent {sent}; {unsent}" if unsent else f"sent {sent}"


def comment_notify(*, comment_id: int, mentioned_ids: list[int]) -> str:
    """E-mail a comment to the JD's owner, the reviewers of its latest round and the people it
    mentions: not its author, nobody who turned comment e-mail off, nobody who may not read the
    JD (any more)."""
    comment = Comment.objects.select_related("job_description__owner").filter(pk=comment_id).first()
    if comment is None:
        return "nothing to tell: the comment is gone"
    job_description = comment.job_description
    people = [job_description.owner]
    latest_round = job_description.review_rounds.first()
    if latest_round:
        people += [r.reviewer for r in latest_round.requests.select_related("reviewer")]
    people += list(get_user_model().objects.filter(pk__in=mentioned_ids))
    turned_off = set(
        NotificationSettings.objects.filter(comment_emails=False).values_list("user_id", flat=True)
    )
    told = {
        person.pk: person
        for person in people
        if person
        and person.is_active
        and person.pk != comment.author_id
        and person.pk not in turned_off
        and JobDescription.objects.readable_by(person).filter(pk=job_description.pk).exists()
    }
    recipients = {pk: person for pk, person in told.items() if person.email}
    # Said in the task's result, never as a success (they read it on the review page).
    without_address = [person_name(p) for p in told.values() if not p.email]
    unsent = f"not sent: no address ({', '.join(without_address)})" if without_address else ""
    if not recipients:
        return unsent or "nobody to tell"
    context = {
        "comment": comment,
        "job_description": job_description,
        "url": settings.SITE_URL
        + reverse("roles:review", args=[job_description.pk])
        + f"#comment-{comment.pk}",
        "settings_url": settings.SITE_URL + reverse("roles:notification_settings"),
    }
    messages = []
    for person in recipients.values():
        mentioned = person.pk in mentioned_ids
        subject = (
            f"{comment.author_name} mentioned you: {job_description.title}"
            if mentioned
            else f"New comment: {job_description.title}"
        )
        text = render_to_string("roles/email/comment.txt", {**context, "mentioned": mentioned})
        html = render_to_string("roles/email/comment.html", {**context, "mentioned": mentioned})
        message = EmailMultiAlternatives(" ".join(subject.split()), text, to=[person.email])
        message.attach_alternative(html, "text/html")
        messages.append(message)
    sent = f"sent {get_connection().send_messages(messages)}"
    return f"{sent}; {unsent}" if unsent else sent


def notificationsettings_approvals_seen(*, user) -> None:
    """The person has read the approvals on their start page: show only newer ones."""
    NotificationSettings.objects.update_or_create(
        user=user, defaults={"approvals_seen_at": timezone.now()}
    )


def notificationsettings_save(*, user, comment_emails: bool) -> None:
    NotificationSettings.objects.update_or_create(
        user=user, defaults={"comment_emails": comment_emails}
    )


@task()
def send_review_email(audit_entry_id: int, attempt: int = 1) -> str:
    """E-mail the people a review step concerns."""
    try:
        return review_notify(audit_entry_id=audit_entry_id)
    except Exception:
        again_later(send_review_email, attempt, audit_entry_id)
        raise


@task()
def send_comment_email(comment_id: int, mentioned_ids: list[int], attempt: int = 1) -> str:
    """E-mail the people a comment concerns (and those it mentions)."""
    try:
        return comment_notify(comment_id=comment_id, mentioned_ids=mentioned_ids)
    except Exception:
        again_later(send_comment_email, attempt, comment_id, mentioned_ids)
        raise

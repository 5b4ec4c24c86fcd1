"""Review and approval: one function a transition. Each locks the JD's row, checks who is asking and
from which state against ``TRANSITIONS`` (roles/models/review.py), writes the change and its audit
entry, all in one transaction; anything refused raises ``ReviewRefused`` with a message for the
person and writes nothing."""

import hashlib
from dataclasses import replace
from functools import partial

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone
from reversion.models import Version

from roles.documents import DocumentRenderError
from roles.documents.data import DocumentData, approved_note, document_from_draft
from roles.models import (
    ITEM_LISTS,
    READ_ALL_PERMISSION,
    REVIEW_PERMISSION,
    TRANSITIONS,
    Actor,
    Approval,
    AuditEntry,
    JobDescription,
    ReviewAction,
    ReviewDecision,
    ReviewRequest,
    ReviewRound,
    WebhookEventType,
)
from roles.models.review import OWNER_GROUPS, person_name
from roles.selectors.review import owner_candidates, review_open_findings
from roles.services.notifications import NOTIFIED_ACTIONS, send_review_email
from roles.services.sharing import sharelink_revoke_open
from roles.services.webhooks import approved_event_emit, draft_event_emit


class ReviewRefused(Exception):
    """The action is not allowed: the message says why, for the person who asked."""


class StaleVersion(ReviewRefused):
    """The JD changed since the person opened it: their decision would be on another text."""

    def __init__(self, current: JobDescription) -> None:
        super().__init__(
            "This job description was changed after you opened it. Read the new version "
            "before you decide."
        )
        self.current = current


def _lock(job_description: JobDescription) -> JobDescription:
    locked = (
        JobDescription.objects.live()
        # Only the JD's own row: not the level it joins, which every JD of that level shares.
        .select_for_update(of=("self",))
        .filter(pk=job_description.pk)
        .select_related("level")
        .first()
    )
    if locked is None:
        raise ReviewRefused("This job description is in the trash or no longer exists.")
    return locked


def _is_manager(user) -> bool:
    return user.has_perm(READ_ALL_PERMISSION)


def _check(action: str, locked: JobDescription, user) -> str:
    """Refuse ``action`` unless the table allows it from the JD's state and for ``user``
    (reviewers are checked by the decision itself). Returns the state it leaves."""
    transition = TRANSITIONS[action]
    if locked.review_state not in transition.sources:
        raise ReviewRefused(
            f"This job description is {locked.get_review_state_display().lower()}: it cannot be "
            f"{ReviewAction(action).label.lower()} now."
        )
    is_owner = locked.owner_id == user.pk
    allowed = {
        Actor.OWNER: is_owner,
        Actor.OWNER_OR_MANAGER: is_owner or _is_manager(user),
        Actor.MANAGER: _is_manager(user),
        Actor.REVIEWER: True,
    }[transition.actor]
    if not allowed:
        raise ReviewRefused("You may not do this to this job description.")
    return transition.target or locked.review_state


def _move(
    locked: JobDescription, user, action: str, to_state: str, message: str = ""
) -> AuditEntry:
    """Set the state and write the audit entry."""
    from_state = locked.review_state
    if to_state != from_state:
        JobDescription.objects.filter(pk=locked.pk).update(review_state=to_state)
    return review_record(
        job_description=locked,
        user=user,
        action=action,
        from_state=from_state,
        to_state=to_state,
        message=message,
        review_round=locked.review_rounds.first(),
    )


def _notify_after_commit(entry: AuditEntry) -> None:
    """Queue the step's e-mail once it commits: a refused or rolled-back step sends nothing. A
    queue that cannot be reached costs the e-mail, not the step (robust)."""
    if entry.action in NOTIFIED_ACTIONS:
        transaction.on_commit(partial(send_review_email.enqueue, entry.pk), robust=True)


def review_record(
    *,
    job_description: JobDescription,
    user,
    action: str,
    from_state: str,
    to_state: str,
    message: str = "",
    review_round: ReviewRound | None = None,
) -> AuditEntry:
    """Write the audit entry of a transition (and queue its e-mail for after the commit). The
    transitions here call it; so does the save, whose own UPDATE moves an approved JD back to
    draft under the row's lock."""
    entry = AuditEntry.objects.create(
        review_round=review_round,
        job_description=job_description,
        job_description_number=job_description.pk,
        job_description_title=job_description.title,
        actor=user,
        actor_name=person_name(user) if user else "",
        action=action,
        from_state=from_state,
        to_state=to_state,
        version=job_description.version,
        message=message,
        created_at=timezone.now(),
    )
    job_description.review_state = to_state
    _notify_after_commit(entry)
    return entry


def review_allowed_actions(job_description: JobDescription, user) -> set[str]:
    """What ``user`` may do to the JD now, by the same table the transitions check: for pages to
    show only the buttons that will work."""
    allowed = set()
    for action in TRANSITIONS:
        if action == ReviewAction.EDIT_APPROVED:
            continue
        try:
            _check(action, job_description, user)
        except ReviewRefused:
            continue
        allowed.add(action)
    if allowed & {ReviewAction.APPROVE, ReviewAction.REQUEST_CHANGES}:
        review_round = open_round(job_description)
        asked = (
            review_round is not None
            and job_description.owner_id != user.pk
            and user.has_perm(REVIEW_PERMISSION)
            and review_round.requests.filter(
                reviewer=user, decision=ReviewDecision.PENDING
            ).exists()
        )
        if not asked:
            allowed -= {ReviewAction.APPROVE, ReviewAction.REQUEST_CHANGES}
    return allowed


def open_round(job_description: JobDescription) -> ReviewRound | None:
    return job_description.review_rounds.filter(closed_at__isnull=True).first()


def _close(review_round: ReviewRound | None, outcome: str) -> None:
    if review_round is None:
        return
    review_round.closed_at = timezone.now()
    review_round.outcome = outcome
    review_round.save(update_fields=["closed_at", "outcome"])
    review_round.requests.filter(decision=ReviewDecision.PENDING).update(
        decision=ReviewDecision.CANCELLED
    )


@transaction.atomic
def review_submit(
    *,
    job_description: JobDescription,
    user,
    reviewers: list,
    require_all: bool = False,
    message: str = "",
    expected_version: int,
) -> ReviewRound:
    """Ask ``reviewers`` to review the JD as it is at ``expected_version``."""
    locked = _lock(job_description)
    to_state = _check(ReviewAction.SUBMIT, locked, user)
    if locked.version != expected_version:
        raise StaleVersion(locked)
    reviewers = list({reviewer.pk: reviewer for reviewer in reviewers}.values())
    if not reviewers:
        raise ReviewRefused("Choose at least one reviewer.")
    for reviewer in reviewers:
        if reviewer.pk == locked.owner_id:
            raise ReviewRefused("You cannot review your own job description.")
        if not reviewer.is_active or not reviewer.has_perm(REVIEW_PERMISSION):
            raise ReviewRefused(f"{reviewer.get_username()} may not review job descriptions.")
    review_round = ReviewRound.objects.create(
        job_description=locked,
        submitted_by=user,
        submitted_at=timezone.now(),
        version=locked.version,
        require_all=require_all,
        message=message,
    )
    ReviewRequest.objects.bulk_create(
        ReviewRequest(review_round=review_round, reviewer=reviewer) for reviewer in reviewers
    )
    _move(locked, user, ReviewAction.SUBMIT, to_state, message)
    draft_event_emit(WebhookEventType.SUBMITTED, locked)
    return review_round


@transaction.atomic
def review_withdraw(*, job_description: JobDescription, user, message: str = "") -> None:
    """Take the JD out of review to edit it; the pending decisions are cancelled."""
    locked = _lock(job_description)
    to_state = _check(ReviewAction.WITHDRAW, locked, user)
    _close(open_round(locked), "withdrawn")
    _move(locked, user, ReviewAction.WITHDRAW, to_state, message)


@transaction.atomic
def review_decide(
    *,
    job_description: JobDescription,
    user,
    approve: bool,
    message: str = "",
    seen_version: int,
    open_required_reason: str = "",
) -> str:
    """A reviewer's decision on the version they read (``seen_version``). Returns the JD's state
    after it. Approving while a required finding is open needs ``open_required_reason``, kept in
    the trail and on the approval. An approval that completes the round freezes the version:
    its history revision and its PDF, rendered here and stored with its SHA-256; if the PDF
    cannot be made, nothing changes."""
    locked = _lock(job_description)
    action = ReviewAction.APPROVE if approve else ReviewAction.REQUEST_CHANGES
    to_state = _check(action, locked, user)
    if locked.owner_id == user.pk:
        raise ReviewRefused("You cannot review your own job description.")
    review_round = open_round(locked)
    request = (
        review_round.requests.filter(reviewer=user, decision=ReviewDecision.PENDING).first()
        if review_round
        else None
    )
    if request is None:
        raise ReviewRefused("You are not waiting to review this job description.")
    if not user.has_perm(REVIEW_PERMISSION):
        raise ReviewRefused("You may no longer review job descriptions.")
    if seen_version != locked.version or locked.version != review_round.version:
        raise StaleVersion(locked)
    if not approve and not message.strip():
        raise ReviewRefused("Say what should change.")
    open_required_reason = open_required_reason.strip()
    if approve:
        prefetch_related_objects([locked], *(name for name, *_ in ITEM_LISTS))
        required = review_open_findings(locked).required
        if required and not open_required_reason:
            raise ReviewRefused(
                f"{required} required finding{'s are' if required != 1 else ' is'} still open. "
                "To approve it as it is, say why; the reason is kept with the approval."
            )
        if required:
            reason = f"Approved with {required} required finding{'s' if required != 1 else ''} "
            message = f"{message}\n\n{reason}open: {open_required_reason}".strip()
        else:
            open_required_reason = ""
    request.decision = ReviewDecision.APPROVED if approve else ReviewDecision.CHANGES_REQUESTED
    request.message = message
    request.decided_at = timezone.now()
    request.save(update_fields=["decision", "message", "decided_at"])
    if not approve:
        _close(review_round, "changes requested")
        _move(locked, user, action, to_state, message)
        draft_event_emit(WebhookEventType.CHANGES_REQUESTED, locked)
        return to_state
    requests = list(review_round.requests.select_related("reviewer"))
    approvers = [r for r in requests if r.decision == ReviewDecision.APPROVED]
    if review_round.require_all and len(approvers) < len(requests):
        _move(locked, user, action, locked.review_state, message)  # one of several approvals
        return locked.review_state
    _close(review_round, "approved")
    entry = _move(locked, user, action, to_state, message)
    # Last: its file is the one write outside the database.
    approval, document = _freeze(locked, review_round, approvers, open_required_reason)
    entry.fingerprint = approval.sha256
    entry.save(update_fields=["fingerprint"])
    approved_event_emit(job_description=locked, approval=approval, document=document)
    return to_state


def _freeze(
    locked: JobDescription, review_round: ReviewRound, approvers: list, reason: str = ""
) -> tuple[Approval, DocumentData]:
    """Store the approved version: its history revision, and its PDF as a file with its SHA-256.
    Returns the approval and the document the PDF was rendered from.
    Called inside the approval's transaction after every other write of it: the PDF is rendered
    first (a failure refuses the approval, nothing written), the file is written last, so a
    failure to store it rolls the whole approval back."""
    revision = Version.objects.get_for_object(locked).select_related("revision").first()
    if revision is None or revision.field_dict["version"] != locked.version:
        raise ReviewRefused("This version has no saved history to pin; save the draft first.")
    # Imported here: the renderer brings WeasyPrint, which the forms (importing the draft
    # services, which import this module) must not load.
    from roles.documents.pdf import render_pdf

    prefetch_related_objects([locked], *(name for name, *_ in ITEM_LISTS))
    now = timezone.now()
    approved_by = ", ".join(person_name(r.reviewer) for r in approvers if r.reviewer)
    note = approved_note(
        approved_by=approved_by, approved_on=timezone.localdate(now), version=locked.version
    )
    document = replace(document_from_draft(locked), status_note=note)
    try:
        pdf = render_pdf(document)
    except DocumentRenderError as error:
        raise ReviewRefused(
            f"The approved PDF could not be made, so nothing changed: {error}"
        ) from error
    approval = Approval.objects.create(
        job_description=locked,
        review_round=review_round,
        revision=revision.revision,
        version=locked.version,
        title=locked.title,
        sha256=hashlib.sha256(pdf).hexdigest(),
        approved_at=now,
        approved_by=approved_by,
        open_required_reason=reason,
    )
    name = f"{locked.pk}-v{locked.version}-{now:%Y%m%d%H%M%S}.pdf"
    try:
        approval.pdf.save(name, ContentFile(pdf))
    except Exception:
        if approval.pdf.name and approval.pdf.storage.exists(approval.pdf.name):
            approval.pdf.storage.delete(approval.pdf.name)  # no file without its approval
        raise
    return approval, document


@transaction.atomic
def review_reopen(*, job_description: JobDescription, user, message: str = "") -> None:
    """Start a new round on an approved JD; its approved version stays available."""
    locked = _lock(job_description)
    to_state = _check(ReviewAction.REOPEN, locked, user)
    _move(locked, user, ReviewAction.REOPEN, to_state, message)
    draft_event_emit(WebhookEventType.REOPENED, locked)


def _revoke_share_links(locked: JobDescription, user) -> str:
    """Revoke the JD's open share links (archived, or someone else's now: what was sent for it
    stops); the words the step's audit entry adds, if there were any."""
    revoked = sharelink_revoke_open(job_description=locked, user=user)
    if not revoked:
        return ""
    return f"{revoked} open share link{'s' if revoked != 1 else ''} revoked."


@transaction.atomic
def review_archive(*, job_description: JobDescription, user, message: str = "") -> None:
    locked = _lock(job_description)
    to_state = _check(ReviewAction.ARCHIVE, locked, user)
    _close(open_round(locked), "archived")
    revoked = _revoke_share_links(locked, user)
    _move(locked, user, ReviewAction.ARCHIVE, to_state, f"{revoked} {message}".strip())
    draft_event_emit(WebhookEventType.ARCHIVED, locked)


@transaction.atomic
def review_unarchive(*, job_description: JobDescription, user, message: str = "") -> None:
    """Bring an archived JD back as a draft, to edit and send for approval again."""
    locked = _lock(job_description)
    to_state = _check(ReviewAction.UNARCHIVE, locked, user)
    _move(locked, user, ReviewAction.UNARCHIVE, to_state, message)


@transaction.atomic
def review_hand_over(
    *, job_description: JobDescription, user, new_owner, message: str = ""
) -> None:
    """A manager gives the JD to another owner (someone leaves): someone in an HR group."""
    locked = _lock(job_description)
    _check(ReviewAction.HAND_OVER, locked, user)
    if new_owner.pk == locked.owner_id:
        raise ReviewRefused(f"{new_owner.get_username()} owns it already.")
    if not new_owner.is_active:
        raise ReviewRefused(f"{new_owner.get_username()} cannot sign in.")
    review_round = open_round(locked)
    if (
        review_round
        and review_round.requests.filter(
            reviewer=new_owner, decision=ReviewDecision.PENDING
        ).exists()
    ):
        raise ReviewRefused(
            f"{new_owner.get_username()} is reviewing it: an owner cannot review their own JD. "
            "Withdraw it from review first, or choose someone else."
        )
    if not owner_candidates(locked).filter(pk=new_owner.pk).exists():
        raise ReviewRefused(
            f"{new_owner.get_username()} is not in HR: only {', '.join(OWNER_GROUPS[:-1])} and "
            f"{OWNER_GROUPS[-1]} own job descriptions."
        )
    JobDescription.objects.filter(pk=locked.pk).update(owner=new_owner)
    note = f"From {locked.owner.get_username()} to {new_owner.get_username()}."
    revoked = _revoke_share_links(locked, user)
    _move(
        locked,
        user,
        ReviewAction.HAND_OVER,
        locked.review_state,
        " ".join(part for part in (note, revoked, message) if part),
    )

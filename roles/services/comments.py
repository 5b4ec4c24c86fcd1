"""Comments during review: added (with @mentions, which must name people who may read the JD),
replied to, resolved and reopened. E-mail about them is sent by a background task."""

import re
from functools import partial

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from roles.http import parse_id
from roles.models import (
    COMMENT_MAX_LENGTH,
    COMMENT_SECTIONS,
    KPI,
    Comment,
    JobDescription,
    Qualification,
    Responsibility,
)
from roles.services.notifications import send_comment_email

# A mention is "@" and a Django username (letters, digits and @ . + - _), not preceded by a word
# character or "@", so an e-mail address in the text is not one, and followed by a space or the
# end (after any closing punctuation: "ask @bob." mentions "bob"). Hand-written: no well-kept
# library parses mentions, and the rule is Django's username validator's own character set.
#
# Read in one pass, not with one regular expression: the expression that says all this
# (``(?<![\w@])@([\w.@+-]+?)(?=[.,;:!?)]*(?:\s|$))``) tries every length of name from every
# "@", and took 0.4 s on 4,000 characters of dots. Here each run of name characters is found
# once, its end tested once, and its "@"s read once: linear in the comment.
_NAME_RUN = re.compile(r"[\w.@+-]+")
_MENTION_END = re.compile(r"[.,;:!?)]*+(?:\s|\Z)")


def mention_names(body: str) -> list[str]:
    """The names ``body`` mentions, in order, each as often as it is mentioned."""
    names = []
    for run in _NAME_RUN.finditer(body):
        start, end = run.span()
        # The name runs to the end of the run, less the full stops that end a sentence; what
        # follows the run must be closing punctuation, then a space or the end.
        if "@" not in run.group() or not _MENTION_END.match(body, end):
            continue
        for at in range(start, end):
            # The first "@" of the run that a word character or "@" does not precede (the
            # character before the run is neither); everything after it is its name.
            if body[at] == "@" and (at == start or body[at - 1] in ".+-"):
                rest = body[at + 1 : end]
                if rest:
                    names.append(rest.rstrip(".") or rest[0])
                break
    return names


ITEM_MODELS = {"responsibility": Responsibility, "kpi": KPI, "qualification": Qualification}


class CommentRefused(Exception):
    """The comment was not added: the message says why, for the person writing it."""


def mentioned_people(job_description: JobDescription, body: str) -> list:
    """The people ``body`` mentions. Refuses an unknown name, or anyone who may not read the JD
    (an e-mail about the comment would carry its text to them)."""
    names = dict.fromkeys(mention_names(body))
    if not names:
        return []
    people = {
        person.get_username(): person
        for person in get_user_model().objects.filter(username__in=names, is_active=True)
    }
    for name in names:
        person = people.get(name)
        # One message whether the person exists or not: a comment box must not tell who has an
        # account, nor who may read what.
        if (
            person is None
            or not JobDescription.objects.readable_by(person).filter(pk=job_description.pk).exists()
        ):
            raise CommentRefused(
                f"@{name} cannot be mentioned here: nobody of that name may read this job "
                "description, and the comment was not added (an e-mail about it would show its "
                "text). Check the name, or ask the owner to add them as a reviewer."
            )
    return list(people.values())


def _anchor(job_description: JobDescription, anchor: str) -> dict:
    """The comment's fields for ``anchor``: "" (the whole JD), "section:<name>" or
    "<responsibility|kpi|qualification>:<id>" (an item of this JD)."""
    if not anchor:
        return {}
    kind, _, value = anchor.partition(":")
    if kind == "section" and value in COMMENT_SECTIONS:
        return {"section": value}
    model, pk = ITEM_MODELS.get(kind), parse_id(value)
    item = (
        model.objects.filter(job_description=job_description, pk=pk).first()
        if model and pk is not None
        else None
    )
    if item is None:
        raise CommentRefused("That part of the job description no longer exists. Reload the page.")
    text = item.name if kind == "kpi" else item.text
    return {kind: item, "item_snapshot": text}


@transaction.atomic
def comment_add(
    *,
    job_description: JobDescription,
    user,
    body: str,
    anchor: str = "",
    parent: Comment | None = None,
) -> Comment:
    """Add a comment (or, with ``parent``, a reply to a thread) by ``user``, who may read the JD
    (the caller has checked, through the access helper)."""
    body = body.strip()
    if not body:
        raise CommentRefused("Write the comment first.")
    if len(body) > COMMENT_MAX_LENGTH:
        raise CommentRefused(f"A comment can be at most {COMMENT_MAX_LENGTH} characters.")
    mentioned = mentioned_people(job_description, body)
    if parent is not None:
        if parent.job_description_id != job_description.pk:
            raise CommentRefused("That comment is not on this job description.")
        parent = parent.parent or parent  # replies hang off the thread's first comment
        fields = {
            "section": parent.section,
            "responsibility": parent.responsibility,
            "kpi": parent.kpi,
            "qualification": parent.qualification,
            "item_snapshot": parent.item_snapshot,
        }
    else:
        fields = _anchor(job_description, anchor)
    comment = Comment.objects.create(
        job_description=job_description,
        parent=parent,
        author=user,
        author_name=user.get_username(),
        body=body,
        created_at=timezone.now(),
        **fields,
    )
    if parent is not None and parent.resolved_at:  # a reply reopens a resolved thread
        Comment.objects.filter(pk=parent.pk).update(resolved_at=None, resolved_by=None)
    transaction.on_commit(
        partial(send_comment_email.enqueue, comment.pk, [p.pk for p in mentioned]), robust=True
    )
    return comment


def comment_resolve(*, comment: Comment, user, resolved: bool = True) -> None:
    """Resolve a thread (or reopen it)."""
    thread = comment.parent or comment
    Comment.objects.filter(pk=thread.pk).update(
        resolved_at=timezone.now() if resolved else None, resolved_by=user if resolved else None
    )

"""Break-glass accounts: the local accounts that may still sign in with a password when local
sign-in is off (``LOCAL_SIGNIN=0``), the way in when the company's identity provider is down.

Granted and revoked only by ``manage.py break_glass`` (never in the admin, so that a stolen
administrator's session cannot open a way round the identity provider). Each needs a second
factor to sign in. Every use is a security log entry, and an e-mail to the other
administrators (superusers and HR admins with an address), sent by the task at the end of this
module after the sign-in commits, as the review e-mails are.
"""

from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from roles.models import (
    SECURITY_TEXT_MAX_LENGTH,
    BreakGlassAccount,
    SecurityEvent,
    SecurityEventKind,
)
from roles.services.security import security_event_record
from roles.services.tasks import again_later

#: The kinds of second factor a break-glass account must have one of (recovery codes alone are
#: a fallback, not a factor of their own).
BREAK_GLASS_FACTORS = ("totp", "webauthn")

#: The group whose members, besides superusers, hear of every break-glass sign-in.
ADMIN_GROUP = "HR admins"


class BreakGlassRefused(Exception):
    """The account cannot be made a break-glass account; the message says why."""


def has_break_glass_factor(user) -> bool:
    from allauth.mfa.utils import is_mfa_enabled

    return is_mfa_enabled(user, types=list(BREAK_GLASS_FACTORS))


@transaction.atomic
def break_glass_grant(*, user, by: str) -> bool:
    """Makes ``user`` a break-glass account; False if it already was. ``by`` names who ran the
    command. Refused for an inactive account or one without a local password."""
    if not user.is_active:
        raise BreakGlassRefused(f"{user.get_username()} is not active.")
    if not user.has_usable_password():
        raise BreakGlassRefused(
            f"{user.get_username()} has no local password: set one first "
            f"(manage.py changepassword {user.get_username()})."
        )
    by = by[:SECURITY_TEXT_MAX_LENGTH]
    _, created = BreakGlassAccount.objects.get_or_create(user=user, defaults={"granted_by": by})
    if created:
        security_event_record(
            kind=SecurityEventKind.BREAK_GLASS_GRANTED, user=user, detail={"by": by}
        )
    return created


@transaction.atomic
def break_glass_revoke(*, user, by: str) -> bool:
    """Ends ``user``'s break-glass status; False if it had none."""
    deleted, _ = BreakGlassAccount.objects.filter(user_id=user.pk).delete()
    if deleted:
        security_event_record(
            kind=SecurityEventKind.BREAK_GLASS_REVOKED,
            user=user,
            detail={"by": by[:SECURITY_TEXT_MAX_LENGTH]},
        )
    return bool(deleted)


def break_glass_use_record(*, request: HttpRequest, user, methods: list[str]) -> SecurityEvent:
    """Logs a break-glass account's sign-in and queues the e-mail to the other administrators
    for when it commits."""
    event = security_event_record(
        kind=SecurityEventKind.BREAK_GLASS_USED,
        request=request,
        user=user,
        detail={"methods": methods[:5], "local_signin": settings.LOCAL_SIGNIN},
    )
    transaction.on_commit(partial(send_break_glass_email.enqueue, event.pk), robust=True)
    return event


def break_glass_recipients(user_id: int | None) -> list:
    """The other administrators: active superusers and HR admins with an e-mail address."""
    admins = (
        get_user_model()
        .objects.filter(Q(is_superuser=True) | Q(groups__name=ADMIN_GROUP), is_active=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    if user_id is not None:
        admins = admins.exclude(pk=user_id)
    return list(admins)


def break_glass_notify(*, event_id: int) -> str:
    """E-mails a break-glass sign-in to the other administrators. Returns what happened."""
    event = SecurityEvent.objects.filter(
        pk=event_id, kind=SecurityEventKind.BREAK_GLASS_USED
    ).first()
    if event is None:
        return "nothing to tell: the event is gone"
    recipients = break_glass_recipients(event.user_id)
    if not recipients:
        return "nobody to tell: no other administrator has an e-mail address"
    context = {
        "event": event,
        "with_second_factor": "mfa" in event.detail.get("methods", []),
        "log_url": settings.SITE_URL
        + reverse("admin:roles_securityevent_changelist")
        + f"?kind__exact={SecurityEventKind.BREAK_GLASS_USED.value}",
    }
    subject = f"Break-glass sign-in to JD Builder: {event.username}"
    text = render_to_string("roles/email/break_glass_used.txt", context)
    html = render_to_string("roles/email/break_glass_used.html", context)
    messages = []
    for person in recipients:
        # One message each: administrators do not learn each other's addresses.
        message = EmailMultiAlternatives(" ".join(subject.split()), text, to=[person.email])
        message.attach_alternative(html, "text/html")
        messages.append(message)
    return f"sent {get_connection().send_messages(messages)}"


@task()
def send_break_glass_email(event_id: int, attempt: int = 1) -> str:
    """E-mails a break-glass sign-in to the other administrators."""
    try:
        return break_glass_notify(event_id=event_id)
    except Exception:
        again_later(send_break_glass_email, attempt, event_id)
        raise

"""Writes the security log (``roles.models.SecurityEvent``): one row and one JSON log line per
event. The receivers below turn Django's, allauth's and django-axes' signals into events; they
are connected in ``roles.apps.RolesConfig.ready``."""

import logging

from django.http import HttpRequest

from roles.http import client_ip
from roles.models import SECURITY_TEXT_MAX_LENGTH, SecurityEvent, SecurityEventKind

#: One line per event, its fields as the JSON object's keys (the production log format).
logger = logging.getLogger("jdbuilder.security")


def security_event_record(
    *,
    kind: SecurityEventKind,
    request: HttpRequest | None = None,
    user=None,
    username: str = "",
    detail: dict | None = None,
) -> SecurityEvent:
    """Appends an event to the security log and writes it as one log line."""
    if user is not None and getattr(user, "pk", None) is None:
        user = None  # an anonymous user, or one not saved
    name = (username or (user.get_username() if user else ""))[:SECURITY_TEXT_MAX_LENGTH]
    event = SecurityEvent.objects.create(
        kind=kind,
        user=user,
        username=name,
        ip_address=client_ip(request) if request is not None else None,
        detail=detail or {},
    )
    logger.info(
        "security event: %s",
        kind.value,
        extra={
            "security_event": kind.value,
            "event_id": event.pk,
            "at": event.at.isoformat(),
            "user_id": user.pk if user else None,
            "username": name,
            "ip_address": event.ip_address,
            "detail": event.detail,
        },
    )
    return event


def _signed_in(sender, request, user, **kwargs):
    from allauth.account.authentication import get_authentication_records

    methods = [record.get("method") for record in get_authentication_records(request, user)]
    security_event_record(
        kind=SecurityEventKind.SIGNED_IN,
        request=request,
        user=user,
        detail={"methods": [method for method in methods if isinstance(method, str)][:5]},
    )


def _sign_in_failed(sender, credentials, request=None, **kwargs):
    # Django passes the credentials with the password already masked; only the name is kept.
    name = credentials.get("username") or credentials.get("login") or ""
    security_event_record(
        kind=SecurityEventKind.SIGN_IN_FAILED, request=request, username=str(name)
    )


def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        security_event_record(kind=SecurityEventKind.SIGNED_OUT, request=request, user=user)


def _locked_out(sender, request, username, ip_address, **kwargs):
    security_event_record(
        kind=SecurityEventKind.LOCKED_OUT,
        request=request,
        username=str(username or ""),
        detail={"by_address": bool(getattr(request, "signin_locked_by_address", False))},
    )


def _factor_event(kind: SecurityEventKind):
    def receiver(sender, request, user, authenticator, **kwargs):
        security_event_record(
            kind=kind, request=request, user=user, detail={"factor": authenticator.type}
        )

    return receiver


def _password_changed(sender, request, user, **kwargs):
    security_event_record(kind=SecurityEventKind.PASSWORD_CHANGED, request=request, user=user)


def _password_reset(sender, request, user, **kwargs):
    security_event_record(kind=SecurityEventKind.PASSWORD_RESET, request=request, user=user)


def connect_security_log() -> None:
    """Connects the receivers (once: each has a dispatch uid)."""
    from allauth.account.signals import password_changed, password_reset
    from allauth.mfa.signals import authenticator_added, authenticator_removed, authenticator_reset
    from axes.signals import user_locked_out
    from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

    connections = [
        (user_logged_in, _signed_in),
        (user_login_failed, _sign_in_failed),
        (user_logged_out, _signed_out),
        (user_locked_out, _locked_out),
        (password_changed, _password_changed),
        (password_reset, _password_reset),
        (authenticator_added, _factor_event(SecurityEventKind.FACTOR_ADDED)),
        (authenticator_removed, _factor_event(SecurityEventKind.FACTOR_REMOVED)),
        (authenticator_reset, _factor_event(SecurityEventKind.RECOVERY_CODES_GENERATED)),
    ]
    for number, (signal, receiver) in enumerate(connections):
        signal.connect(receiver, weak=False, dispatch_uid=f"roles.security_log.{number}")

"""Each person's sessions (allauth.usersessions), and the security log (roles.models.SecurityEvent):
append-only, read-only in the admin, one JSON log line per event."""

import io
import json
import logging

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pythonjsonlogger.json import JsonFormatter

from roles.models import AppendOnlyError, SecurityEvent, SecurityEventKind
from tests.helpers.data import PASSWORD

pytestmark = pytest.mark.django_db


def signed_in_client(username="alice", address="198.51.100.4") -> Client:
    client = Client(REMOTE_ADDR=address)
    response = client.post(reverse("login"), {"login": username, "password": PASSWORD})
    assert response.status_code == 302
    client.get(reverse("roles:compare"))  # a request while signed in records the session
    return client


def test_the_sessions_page_lists_ones_sessions_and_ends_the_others(alice, bob):
    at_desk = signed_in_client(address="198.51.100.4")
    on_laptop = signed_in_client(address="203.0.113.9")
    signed_in_client("bob", address="192.0.2.1")
    page = at_desk.get(reverse("usersessions_list")).content.decode()
    assert "198.51.100.4" in page and "203.0.113.9" in page
    assert "192.0.2.1" not in page  # bob's session is not alice's to see
    at_desk.post(reverse("usersessions_list"))  # "Sign out other sessions"
    assert on_laptop.get(reverse("roles:compare")).status_code == 302
    assert at_desk.get(reverse("roles:compare")).status_code == 200


def test_the_sessions_page_is_for_signed_in_people(client):
    response = client.get(reverse("usersessions_list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_sign_ins_failures_and_sign_outs_are_logged_with_the_client_address(client, alice):
    client.post(
        reverse("login"), {"login": "alice", "password": "wrong"}, REMOTE_ADDR="203.0.113.7"
    )
    client.post(
        reverse("login"), {"login": "alice", "password": PASSWORD}, REMOTE_ADDR="203.0.113.7"
    )
    client.post(reverse("logout"), REMOTE_ADDR="203.0.113.7")
    failed, signed_in, signed_out = SecurityEvent.objects.order_by("pk")
    assert (failed.kind, failed.username, failed.user) == ("sign_in_failed", "alice", None)
    assert "wrong" not in json.dumps(failed.detail)
    assert (signed_in.kind, signed_in.user, signed_in.ip_address) == (
        "signed_in",
        alice,
        "203.0.113.7",
    )
    assert signed_in.detail == {"methods": ["password"]}
    assert signed_out.kind == "signed_out"


def test_a_lockout_is_logged(client, alice):
    for _ in range(5):
        client.post(reverse("login"), {"login": "alice", "password": "wrong"})
    assert SecurityEvent.objects.filter(kind="locked_out", username="alice").exists()


def test_each_event_is_one_json_log_line(alice, caplog):
    with caplog.at_level(logging.INFO, logger="jdbuilder.security"):
        signed_in_client()
    records = [record for record in caplog.records if record.name == "jdbuilder.security"]
    assert len(records) == 1
    line = JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s").format(records[0])
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["security_event"] == "signed_in"
    assert entry["username"] == "alice"
    assert entry["ip_address"] == "198.51.100.4"


def test_the_log_is_append_only(alice):
    signed_in_client()
    event = SecurityEvent.objects.get()
    event.username = "someone else"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        SecurityEvent.objects.update(username="someone else")
    with pytest.raises(AppendOnlyError):
        SecurityEvent.objects.all().delete()
    assert SecurityEvent.objects.get().username == "alice"


def test_entries_older_than_the_retention_period_are_pruned(alice, settings):
    settings.SECURITY_LOG_RETENTION_DAYS = 365
    now = timezone.now()
    SecurityEvent.objects.create(
        kind=SecurityEventKind.SIGNED_IN, at=now - timezone.timedelta(days=366)
    )
    kept = SecurityEvent.objects.create(
        kind=SecurityEventKind.SIGNED_IN, at=now - timezone.timedelta(days=364)
    )
    assert SecurityEvent.objects.prune(now=now) == 1
    assert list(SecurityEvent.objects.all()) == [kept]


def test_the_purge_command_keeps_a_year(alice):
    old = timezone.now() - timezone.timedelta(days=400)
    SecurityEvent.objects.create(kind=SecurityEventKind.SIGNED_IN, at=old)
    SecurityEvent.objects.create(kind=SecurityEventKind.SIGNED_IN)
    out = io.StringIO()
    call_command("purge_security_log", stdout=out)
    assert "Purged 1 security log entries older than 365 days" in out.getvalue()
    assert SecurityEvent.objects.count() == 1


def test_the_admin_shows_the_log_read_only(admin_client, alice):
    signed_in_client()
    event = SecurityEvent.objects.get(username="alice")
    assert admin_client.get(reverse("admin:roles_securityevent_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:roles_securityevent_add")).status_code == 403
    change_url = reverse("admin:roles_securityevent_change", args=[event.pk])
    page = admin_client.get(change_url).content.decode()
    assert 'name="_save"' not in page
    admin_client.post(change_url, {"username": "someone else"})
    delete_url = reverse("admin:roles_securityevent_delete", args=[event.pk])
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert SecurityEvent.objects.filter(pk=event.pk, username="alice").exists()

"""Webhooks (roles/services/webhooks.py): events become deliveries when their transaction
commits; each is signed per Standard Webhooks (checked with the ``standardwebhooks`` package, as
a receiver would), sent to a real receiver on 127.0.0.1, tried again on the schedule, and a
subscription failing for a day is paused and its owner told."""

import base64
import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from standardwebhooks import Webhook, WebhookVerificationError

from roles.models import (
    WEBHOOK_RETRY_DELAYS_SECONDS,
    WebhookDelivery,
    WebhookDeliveryStatus,
    WebhookEventType,
    WebhookSubscription,
    WebhookSubscriptionStatus,
)
from roles.services.webhooks import (
    send_webhook,
    send_webhook_paused_email,
    webhook_delivery_attempt,
    webhook_event_emit,
    webhook_event_record,
    webhook_headers,
    webhook_payload,
    webhook_secret_rotate,
    webhook_signature,
)
from tests.helpers.project import task_worker, wait_until
from tests.helpers.receiver import Answer

pytestmark = pytest.mark.django_db

DATA = {"id": 7, "title": "Director of Operations"}


@pytest.fixture(autouse=True)
def receivers_allowed(settings):
    # The tests' receivers listen on 127.0.0.1: the allow-list is the only way there.
    settings.WEBHOOK_ALLOWED_PRIVATE_HOSTS = ["127.0.0.1"]


def subscribe(owner, url: str, events=(WebhookEventType.APPROVED,), **fields):
    return WebhookSubscription.objects.create(
        name="ATS", url=url, events=list(events), owner=owner, **fields
    )


def emitted(event_type=WebhookEventType.APPROVED, data=DATA) -> list[WebhookDelivery]:
    """The event as recorded once its change commits (``webhook_event_emit`` defers to this)."""
    return webhook_event_record(event_type=event_type, payload=webhook_payload(event_type, data))


def queued(task) -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path=task.module_path).order_by("enqueued_at"))


def test_an_approved_event_arrives_signed_and_verifies_with_standardwebhooks(
    alice, make_receiver, django_capture_on_commit_callbacks
):
    receiver = make_receiver(Answer(204, b""))
    subscription = subscribe(alice, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        [delivery] = emitted()
    [result] = queued(send_webhook)
    assert result.args_kwargs["args"] == [delivery.pk]

    assert send_webhook.call(*result.args_kwargs["args"]) == "delivered: 204"

    [request] = receiver.received
    payload = Webhook(subscription.secret).verify(request.body, request.headers)
    assert payload["type"] == "jd.approved"
    assert payload["data"] == DATA
    assert payload["timestamp"] == delivery.payload["timestamp"]
    assert request.headers["webhook-id"] == delivery.message_id
    assert request.headers["content-type"] == "application/json"
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (WebhookDeliveryStatus.SUCCEEDED, 1)
    assert delivery.last_response_status == 204


def test_another_secret_does_not_verify(alice, make_receiver):
    receiver = make_receiver()
    subscribe(alice, receiver.url)
    [delivery] = emitted()
    webhook_delivery_attempt(delivery_id=delivery.pk)
    [request] = receiver.received
    other = WebhookSubscription(secret=WebhookSubscription._meta.get_field("secret").default())
    with pytest.raises(WebhookVerificationError):
        Webhook(other.secret).verify(request.body, request.headers)


def test_the_signature_is_the_standard_one_over_id_timestamp_and_body(alice):
    subscription = subscribe(alice, "https://ats.example.com/hook")
    assert subscription.secret.startswith("whsec_")
    assert len(base64.b64decode(subscription.secret[6:])) == 32
    body = b'{"type":"jd.approved"}'
    now = timezone.now()
    ours = webhook_signature(
        secret=subscription.secret, message_id="msg_1", timestamp=int(now.timestamp()), body=body
    )
    assert ours == Webhook(subscription.secret).sign("msg_1", now, body.decode())


def test_during_a_rotation_both_secrets_sign_for_24_hours(alice, make_receiver):
    receiver = make_receiver()
    subscription = subscribe(alice, receiver.url)
    old = subscription.secret
    new = webhook_secret_rotate(subscription_id=subscription.pk)
    assert new != old and new.startswith("whsec_")
    [delivery] = emitted()
    webhook_delivery_attempt(delivery_id=delivery.pk)
    [request] = receiver.received
    assert len(request.headers["webhook-signature"].split(" ")) == 2
    for secret in (old, new):
        assert Webhook(secret).verify(request.body, request.headers)["type"] == "jd.approved"

    subscription.refresh_from_db()
    a_day_later = timezone.now() + timedelta(hours=24, seconds=1)
    headers = webhook_headers(
        subscription=subscription, message_id="msg_x", body=b"{}", now=a_day_later
    )
    assert headers["webhook-signature"].count("v1,") == 1


def test_only_active_subscriptions_that_hear_the_event_get_a_delivery(alice, bob):
    hears = subscribe(alice, "https://a.example.com/")
    subscribe(alice, "https://b.example.com/", events=[WebhookEventType.SUBMITTED])
    subscribe(bob, "https://c.example.com/", status=WebhookSubscriptionStatus.PAUSED)
    deliveries = emitted()
    assert [delivery.subscription_id for delivery in deliveries] == [hears.pk]
    assert json.dumps(deliveries[0].payload)  # stored as JSON, sent as it is
    assert set(deliveries[0].payload) == {"type", "timestamp", "data"}


def test_a_rolled_back_write_sends_nothing(alice, django_capture_on_commit_callbacks):
    subscribe(alice, "https://a.example.com/")
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        webhook_event_emit(WebhookEventType.APPROVED, DATA)
        raise RuntimeError("the write failed")
    assert callbacks == []
    assert not WebhookDelivery.objects.exists()
    assert queued(send_webhook) == []


def test_an_unknown_event_type_is_refused(alice):
    with pytest.raises(ValueError):
        webhook_event_emit("jd.exploded", DATA)


def test_a_500_schedules_the_next_attempt_in_5_seconds_with_the_same_id(alice, make_receiver):
    receiver = make_receiver(Answer(500, b"database down"), Answer(200, b"ok"))
    subscribe(alice, receiver.url)
    [delivery] = emitted()
    before = timezone.now()

    outcome = webhook_delivery_attempt(delivery_id=delivery.pk)

    assert outcome == "failed (500); again in 5 s"
    delivery.refresh_from_db()
    assert delivery.status == WebhookDeliveryStatus.PENDING
    assert (delivery.attempts, delivery.last_response_status) == (1, 500)
    assert delivery.last_response_body == "database down"
    waited = delivery.next_attempt_at - before
    assert timedelta(seconds=5) <= waited < timedelta(seconds=7)
    [retry] = queued(send_webhook)
    assert retry.run_after == delivery.next_attempt_at
    assert retry.args_kwargs["args"] == [delivery.pk]

    assert webhook_delivery_attempt(delivery_id=delivery.pk) == "delivered: 200"
    first, second = receiver.received
    assert first.headers["webhook-id"] == second.headers["webhook-id"] == delivery.message_id
    assert first.body == second.body


def test_the_retry_schedule_then_failed(alice, make_receiver):
    receiver = make_receiver(Answer(503, b"no"))
    subscribe(alice, receiver.url)
    [delivery] = emitted()
    delays = []
    for _ in range(len(WEBHOOK_RETRY_DELAYS_SECONDS)):
        webhook_delivery_attempt(delivery_id=delivery.pk)
        delivery.refresh_from_db()
        delays.append(round((delivery.next_attempt_at - delivery.last_attempt_at).total_seconds()))
    assert delays == [5, 300, 1800, 7200, 18000, 36000, 36000]
    assert delivery.status == WebhookDeliveryStatus.PENDING

    assert webhook_delivery_attempt(delivery_id=delivery.pk) == "failed (503) after 8 attempts"
    delivery.refresh_from_db()
    assert (delivery.status, delivery.next_attempt_at) == (WebhookDeliveryStatus.FAILED, None)
    assert len(receiver.received) == 8
    assert (
        webhook_delivery_attempt(delivery_id=delivery.pk)
        == "nothing to send: the delivery is failed"
    )


def test_a_redirect_is_a_failure_and_is_not_followed(alice, make_receiver):
    elsewhere = make_receiver()
    receiver = make_receiver(Answer(307, b"", {"Location": elsewhere.url}))
    subscribe(alice, receiver.url)
    [delivery] = emitted()

    assert webhook_delivery_attempt(delivery_id=delivery.pk) == "failed (307); again in 5 s"

    delivery.refresh_from_db()
    assert delivery.last_response_status == 307
    assert "not followed" in delivery.last_response_body
    assert elsewhere.received == []


def test_a_private_address_is_refused_without_the_allow_list(alice, make_receiver, settings):
    settings.WEBHOOK_ALLOWED_PRIVATE_HOSTS = []
    receiver = make_receiver()
    subscribe(alice, receiver.url)
    [delivery] = emitted()
    assert "loopback" in webhook_delivery_attempt(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert delivery.last_response_status is None
    assert "127.0.0.1 is loopback" in delivery.last_response_body
    assert receiver.received == []


def test_at_most_4_kb_of_the_answer_is_kept(alice, make_receiver):
    receiver = make_receiver(Answer(500, "é".encode() * 20_000))
    subscribe(alice, receiver.url)
    [delivery] = emitted()
    webhook_delivery_attempt(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert len(delivery.last_response_body.encode()) <= 4096
    assert delivery.last_response_body.startswith("éé")


def test_a_subscription_failing_for_24_hours_is_paused_and_its_owner_told(
    alice, make_receiver, django_capture_on_commit_callbacks
):
    alice.email = "alice@example.com"
    alice.save()
    receiver = make_receiver(Answer(500, b"still down"))
    subscription = subscribe(
        alice, receiver.url, failing_since=timezone.now() - timedelta(hours=25)
    )
    first, waiting = emitted(), emitted()

    with django_capture_on_commit_callbacks(execute=True):
        outcome = webhook_delivery_attempt(delivery_id=first[0].pk)

    assert outcome == "failed (500); the subscription is paused"
    subscription.refresh_from_db()
    assert subscription.status == WebhookSubscriptionStatus.PAUSED
    assert subscription.paused_at is not None
    for delivery in (first[0], waiting[0]):
        delivery.refresh_from_db()
        assert delivery.status == WebhookDeliveryStatus.FAILED
    assert emitted() == []  # a paused subscription hears nothing

    [email_task] = queued(send_webhook_paused_email)
    assert send_webhook_paused_email.call(*email_task.args_kwargs["args"]) == "sent 1"
    [message] = mail.outbox
    assert message.to == ["alice@example.com"]
    assert message.subject == "Webhook paused: ATS"
    assert receiver.url in message.body and "still down" in message.body
    assert f"/admin/roles/webhooksubscription/{subscription.pk}/change/" in message.body


def test_failing_for_less_than_a_day_does_not_pause(alice, make_receiver):
    receiver = make_receiver(Answer(500))
    subscription = subscribe(
        alice, receiver.url, failing_since=timezone.now() - timedelta(hours=23)
    )
    [delivery] = emitted()
    webhook_delivery_attempt(delivery_id=delivery.pk)
    subscription.refresh_from_db()
    assert subscription.status == WebhookSubscriptionStatus.ACTIVE


def test_a_success_ends_the_failing_spell(alice, make_receiver):
    receiver = make_receiver(Answer(200))
    subscription = subscribe(
        alice, receiver.url, failing_since=timezone.now() - timedelta(hours=23)
    )
    [delivery] = emitted()
    webhook_delivery_attempt(delivery_id=delivery.pk)
    subscription.refresh_from_db()
    assert subscription.failing_since is None


def test_a_first_failure_starts_the_failing_spell(alice, make_receiver):
    receiver = make_receiver(Answer(502))
    subscription = subscribe(alice, receiver.url)
    [delivery] = emitted()
    webhook_delivery_attempt(delivery_id=delivery.pk)
    subscription.refresh_from_db()
    assert subscription.failing_since is not None
    assert subscription.status == WebhookSubscriptionStatus.ACTIVE


def test_the_standard_library_snippet_in_the_docs_verifies_a_delivery(alice, make_receiver):
    docs = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text()
    webhooks = docs[docs.index("## Webhooks") :]
    snippet = re.search(r"```python\n(.*?)```", webhooks, re.DOTALL).group(1)
    namespace: dict = {}
    exec(snippet, namespace)  # the docs' own code, as a receiver would paste it
    verify_webhook = namespace["verify_webhook"]

    receiver = make_receiver()
    subscription = subscribe(alice, receiver.url)
    [delivery] = emitted()
    webhook_delivery_attempt(delivery_id=delivery.pk)
    [request] = receiver.received
    assert verify_webhook(subscription.secret, request.headers, request.body)["data"] == DATA
    with pytest.raises(ValueError, match="no signature matches"):
        verify_webhook(subscription.secret, request.headers, request.body + b" ")


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_delivers_after_the_commit_and_again_after_a_500(alice, make_receiver):
    receiver = make_receiver(Answer(500, b"busy"), Answer(200, b"ok"))
    subscription = subscribe(alice, receiver.url)
    with task_worker(WEBHOOK_ALLOWED_PRIVATE_HOSTS="127.0.0.1") as worker:
        [delivery] = emitted()  # committed: the worker may pick it up
        wait_until(
            lambda: len(receiver.received) == 2,
            timeout=60,
            message="the worker did not deliver, then deliver again 5 s later",
        )
        wait_until(
            lambda: (
                WebhookDelivery.objects.get(pk=delivery.pk).status
                == WebhookDeliveryStatus.SUCCEEDED
            ),
            message="the second attempt was not recorded",
        )
    first, second = receiver.received
    for request in (first, second):
        assert Webhook(subscription.secret).verify(request.body, request.headers)["data"] == DATA
    assert first.headers["webhook-id"] == second.headers["webhook-id"] == delivery.message_id
    gap = int(second.headers["webhook-timestamp"]) - int(first.headers["webhook-timestamp"])
    assert gap >= 5
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.last_response_status) == (2, 200)
    output = worker.stdout.read()
    assert "Traceback" not in output, output

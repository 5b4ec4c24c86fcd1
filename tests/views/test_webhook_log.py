"""The webhooks' pages (#29): one's subscriptions and each one's delivery log, for its owner
and the admins of webhooks only; the receiver's answer escaped; "Send again" (the same
webhook-id) and "Send a test event", as plain POST forms."""

import pytest
from django.contrib.auth.models import Group
from django_tasks_db.models import DBTaskResult
from standardwebhooks import Webhook

from roles.models import (
    WebhookDelivery,
    WebhookDeliveryStatus,
    WebhookEvent,
    WebhookSubscription,
    WebhookSubscriptionStatus,
)
from roles.services.webhooks import send_webhook, webhook_delivery_attempt
from tests.helpers.data import make_user
from tests.helpers.receiver import Answer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def receivers_allowed(settings):
    settings.WEBHOOK_ALLOWED_PRIVATE_HOSTS = ["127.0.0.1"]


def subscribe(owner, url="https://ats.example.com/hook", **fields) -> WebhookSubscription:
    return WebhookSubscription.objects.create(
        name="Greenhouse", url=url, events=["jd.approved"], owner=owner, **fields
    )


def deliver(subscription, **fields) -> WebhookDelivery:
    return WebhookDelivery.objects.create(
        subscription=subscription,
        event_type="jd.approved",
        payload={"type": "jd.approved", "timestamp": "2026-12-03T10:00:00+00:00", "data": {}},
        **fields,
    )


def log_url(subscription) -> str:
    return f"/account/webhooks/{subscription.pk}/"


def queued_sends() -> list[int]:
    return [
        result.args_kwargs["args"][0]
        for result in DBTaskResult.objects.filter(task_path=send_webhook.module_path)
    ]


def test_anonymous_is_sent_to_sign_in(client, alice):
    subscription = subscribe(alice)
    for url in ("/account/webhooks/", log_url(subscription)):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_owner_reads_the_log_with_the_answer_escaped(alice_client, alice):
    subscription = subscribe(alice)
    deliver(
        subscription,
        status=WebhookDeliveryStatus.FAILED,
        attempts=8,
        last_response_status=500,
        last_response_body='<script>alert("x")</script>',
    )
    listing = alice_client.get("/account/webhooks/").content.decode()
    assert log_url(subscription) in listing
    page = alice_client.get(log_url(subscription)).content.decode()
    assert "HTTP 500" in page and "Failed" in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert '<script>alert("x")' not in page
    assert subscription.secret not in page


def test_someone_else_gets_404_and_an_admin_of_webhooks_reads_it(client, alice, bob):
    subscription = subscribe(alice)
    delivery = deliver(subscription, status=WebhookDeliveryStatus.FAILED)
    client.force_login(bob)
    assert client.get(log_url(subscription)).status_code == 404
    assert "Greenhouse" not in client.get("/account/webhooks/").content.decode()
    assert client.post(f"{log_url(subscription)}test/").status_code == 404
    again = f"{log_url(subscription)}deliveries/{delivery.pk}/send-again/"
    assert client.post(again).status_code == 404
    assert WebhookDelivery.objects.count() == 1 and queued_sends() == []

    hr_admin = make_user("hradmin", is_staff=True)
    Group.objects.get(name="HR admins").user_set.add(hr_admin)
    client.force_login(hr_admin)
    page = client.get(log_url(subscription)).content.decode()
    assert "Greenhouse" in page and "In the admin" in page


def test_a_delivery_of_another_subscription_is_404(alice_client, alice):
    mine = subscribe(alice)
    other = deliver(subscribe(make_user("carol")))
    response = alice_client.post(f"{log_url(mine)}deliveries/{other.pk}/send-again/")
    assert response.status_code == 404


def test_send_again_makes_a_new_attempt_with_the_same_id(
    alice_client, alice, make_receiver, django_capture_on_commit_callbacks
):
    receiver = make_receiver(Answer(500, b"down"), Answer(200, b"ok"))
    subscription = subscribe(alice, receiver.url)
    delivery = deliver(subscription, next_attempt_at=None)
    webhook_delivery_attempt(delivery_id=delivery.pk)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(status=WebhookDeliveryStatus.FAILED)
    retries = queued_sends()  # the schedule's own, 5 s later

    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(
            f"{log_url(subscription)}deliveries/{delivery.pk}/send-again/", follow=True
        )
    assert "sent again" in response.content.decode()
    assert queued_sends() == [*retries, delivery.pk]
    assert webhook_delivery_attempt(delivery_id=delivery.pk) == "delivered: 200"

    first, second = receiver.received
    assert first.headers["webhook-id"] == second.headers["webhook-id"] == delivery.message_id
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (WebhookDeliveryStatus.SUCCEEDED, 2)


def test_send_a_test_event_arrives_signed_and_stays_out_of_the_event_log(
    alice_client, alice, make_receiver, django_capture_on_commit_callbacks
):
    receiver = make_receiver(Answer(204, b""))
    subscription = subscribe(alice, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(f"{log_url(subscription)}test/")
    assert response.status_code == 302
    [delivery] = WebhookDelivery.objects.all()
    assert queued_sends() == [delivery.pk]
    webhook_delivery_attempt(delivery_id=delivery.pk)

    [request] = receiver.received
    event = Webhook(subscription.secret).verify(request.body, request.headers)
    assert event["type"] == "webhook.test"
    assert event["data"]["subscription"] == {"id": subscription.pk, "name": "Greenhouse"}
    assert not WebhookEvent.objects.exists()
    page = alice_client.get(log_url(subscription)).content.decode()
    assert "webhook.test" in page and "HTTP 204" in page


def test_a_paused_subscription_sends_nothing_until_resumed(alice_client, alice):
    subscription = subscribe(alice, status=WebhookSubscriptionStatus.PAUSED)
    delivery = deliver(subscription, status=WebhookDeliveryStatus.FAILED)
    page = alice_client.get(log_url(subscription)).content.decode()
    assert "Resume" in page and "Send a test event" not in page
    alice_client.post(f"{log_url(subscription)}test/")
    alice_client.post(f"{log_url(subscription)}deliveries/{delivery.pk}/send-again/")
    assert WebhookDelivery.objects.count() == 1 and queued_sends() == []

    alice_client.post(f"{log_url(subscription)}resume/")
    subscription.refresh_from_db()
    assert subscription.status == WebhookSubscriptionStatus.ACTIVE


def test_the_pages_refuse_get_for_their_actions(alice_client, alice):
    subscription = subscribe(alice)
    assert alice_client.get(f"{log_url(subscription)}test/").status_code == 405

"""The webhooks' admin (#29): superusers and HR admins keep subscriptions; the secret is shown
once, when made or rotated; deliveries are read, never written."""

import re

import pytest
from django.contrib.auth.models import Group

from roles.models import WebhookDelivery, WebhookEventType, WebhookSubscription
from tests.helpers.data import make_user

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/roles/webhooksubscription/add/"


@pytest.fixture
def hr_admin(client):
    person = make_user("hradmin", is_staff=True)
    Group.objects.get(name="HR admins").user_set.add(person)
    client.force_login(person)
    return person


def add(client, **changes):
    data = {
        "name": "Greenhouse",
        "url": "https://ats.example.com/hooks/jd",
        "events": [WebhookEventType.APPROVED.value, WebhookEventType.ARCHIVED.value],
        **changes,
    }
    return client.post(ADD_URL, data, follow=True)


def test_an_hr_admin_adds_a_subscription_and_sees_its_secret_once(client, hr_admin):
    page = add(client, owner=hr_admin.pk).content.decode()
    subscription = WebhookSubscription.objects.get()
    assert subscription.events == ["jd.approved", "jd.archived"]
    assert subscription.owner == hr_admin
    assert f"<code>{subscription.secret}</code>" in page
    change = client.get(f"/admin/roles/webhooksubscription/{subscription.pk}/change/")
    listing = client.get("/admin/roles/webhooksubscription/")
    assert change.status_code == listing.status_code == 200
    for later in (change, listing):
        assert subscription.secret not in later.content.decode()
        assert subscription.secret[6:20] not in later.content.decode()


def test_rotating_shows_the_new_secret_once_and_keeps_the_old_one(client, hr_admin):
    add(client, owner=hr_admin.pk)
    subscription = WebhookSubscription.objects.get()
    old = subscription.secret
    page = client.post(
        "/admin/roles/webhooksubscription/",
        {"action": "rotate_secret", "_selected_action": [subscription.pk]},
        follow=True,
    ).content.decode()
    subscription.refresh_from_db()
    assert subscription.secret != old and subscription.previous_secret == old
    assert f"<code>{subscription.secret}</code>" in page
    assert old not in page


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("ftp://ats.example.com/", "only http and https"),
        ("https://user:secret@ats.example.com/", "user name or password"),
    ],
)
def test_a_url_that_cannot_be_called_is_refused(client, hr_admin, url, why):
    page = add(client, owner=hr_admin.pk, url=url).content.decode()
    assert why in page
    assert not WebhookSubscription.objects.exists()


def test_an_unknown_event_is_refused(client, hr_admin):
    page = add(client, owner=hr_admin.pk, events=["jd.exploded"]).content.decode()
    assert "Select a valid choice" in page
    assert not WebhookSubscription.objects.exists()


def test_deliveries_are_read_only(client, hr_admin):
    subscription = WebhookSubscription.objects.create(
        name="ATS", url="https://ats.example.com/", events=["jd.approved"], owner=hr_admin
    )
    delivery = WebhookDelivery.objects.create(
        subscription=subscription, event_type="jd.approved", payload={"type": "jd.approved"}
    )
    listing = client.get("/admin/roles/webhookdelivery/").content.decode()
    assert delivery.message_id in listing
    assert client.get("/admin/roles/webhookdelivery/add/").status_code == 403
    change = client.get(f"/admin/roles/webhookdelivery/{delivery.pk}/change/").content.decode()
    assert not re.search(r'<input type="submit" value="Save"', change)


def test_hr_staff_may_not_see_subscriptions(client):
    person = make_user("staffer", is_staff=True)
    Group.objects.get(name="HR staff").user_set.add(person)
    client.force_login(person)
    assert client.get("/admin/roles/webhooksubscription/").status_code == 403


def test_the_list_links_each_subscriptions_log_page(client, hr_admin):
    subscription = WebhookSubscription.objects.create(
        name="ATS", url="https://ats.example.com/", events=["jd.approved"], owner=hr_admin
    )
    listing = client.get("/admin/roles/webhooksubscription/").content.decode()
    assert f'href="/account/webhooks/{subscription.pk}/"' in listing
    assert client.get(f"/account/webhooks/{subscription.pk}/").status_code == 200


def test_the_test_event_is_not_a_choice(client, hr_admin):
    page = add(client, owner=hr_admin.pk, events=["webhook.test"]).content.decode()
    assert "Select a valid choice" in page
    assert not WebhookSubscription.objects.exists()

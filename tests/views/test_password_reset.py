"""Password reset by e-mail (allauth's): for local accounts with a password, throttled per address
typed and per client, the same answer whatever the address, never for a break-glass account, and
not there at all while local sign-in is off."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from roles.models import SecurityEvent
from roles.services.break_glass import break_glass_grant
from tests.helpers.data import PASSWORD, make_user

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a new and long passphrase"


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = "https://jd.example.com"


@pytest.fixture
def alice(db):
    return make_user("alice", email="alice@example.com")


def ask(client, email: str, **extra):
    return client.post(reverse("account_reset_password"), {"email": email}, **extra)


def reset_link(message) -> str:
    """The link's path; the link itself is at SITE_URL, whatever host the request named."""
    match = re.search(r"https://jd\.example\.com(/accounts/password/reset/key/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def set_password_from(client, link: str, password: str = NEW_PASSWORD):
    form_page = client.get(link)
    # allauth moves the key out of the address (and so out of any Referer) into the session.
    assert form_page.status_code == 302 and "set-password" in form_page.url
    return client.post(form_page.url, {"password1": password, "password2": password})


def test_a_reset_link_sets_a_new_password_once(client, alice):
    response = ask(client, "alice@example.com", HTTP_HOST="testserver")
    assert response.url == reverse("account_reset_password_done")
    (message,) = mail.outbox
    assert message.subject == "Reset your JD Builder password"
    assert "account “alice”" in message.body and "within the hour" in message.body
    assert "Choose a new password" in message.alternatives[0][0]
    link = reset_link(message)

    done = set_password_from(client, link)
    assert done.url == reverse("account_reset_password_from_key_done")
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    # The link was good once.
    assert "Bad Token" in client.get(link).content.decode()
    assert client.post(
        reverse("login"), {"login": "alice", "password": NEW_PASSWORD}
    ).url == reverse("roles:compare")
    kinds = list(SecurityEvent.objects.order_by("pk").values_list("kind", flat=True))
    assert kinds[:2] == ["password_reset_requested", "password_reset"]


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, alice):
    known = ask(client, "alice@example.com")
    unknown = ask(client, "nobody@example.com")
    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    assert [message.to for message in mail.outbox] == [["alice@example.com"]]


def test_an_account_of_the_company_directory_gets_no_link(client):
    # No local password: it signs in at the identity provider, and a reset would give it a
    # second way in that the directory does not control.
    person = make_user("dana", email="dana@example.com")
    person.set_unusable_password()
    person.save()
    assert ask(client, "dana@example.com").url == reverse("account_reset_password_done")
    assert mail.outbox == []


def test_requests_for_one_address_are_throttled_known_or_not(client, alice):
    for _ in range(3):
        assert ask(client, "alice@example.com").status_code == 302
        assert ask(client, "nobody@example.com").status_code == 302
    throttled = ask(client, "alice@example.com")
    assert throttled.status_code == 429
    assert "Too many requests" in throttled.content.decode()
    # An unknown address is throttled alike: the limit tells nothing about who exists.
    assert ask(client, "nobody@example.com").status_code == 429
    assert len(mail.outbox) == 3


def test_requests_from_one_client_are_throttled_whatever_the_addresses(client):
    for number in range(20):
        assert ask(client, f"person{number}@example.com").status_code == 302
    assert ask(client, "person-last@example.com").status_code == 429
    assert ask(client, "person-last@example.com", REMOTE_ADDR="198.51.100.4").status_code == 302


def test_new_passwords_sent_from_links_are_throttled_per_client(client):
    # allauth counts what is sent (POST); opening a link only checks its signed token.
    bogus = reverse("account_reset_password_from_key", kwargs={"uidb36": "1", "key": "x-y"})
    sent = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    for _ in range(20):
        assert "Bad Token" in client.post(bogus, sent).content.decode()
    assert client.post(bogus, sent).status_code == 429


def test_a_break_glass_account_is_never_reset_by_email(client, alice):
    break_glass_grant(user=alice, by="it")
    response = ask(client, "alice@example.com")
    assert response.url == reverse("account_reset_password_done")  # the same answer
    (message,) = mail.outbox
    assert message.subject == "JD Builder: a password reset was asked for your emergency account"
    assert "never reset by e-mail" in message.body
    assert "/accounts/password/reset/key/" not in message.body
    assert SecurityEvent.objects.get(kind="password_reset_refused").user == alice


def test_a_link_sent_before_the_account_became_break_glass_is_refused(client, alice):
    ask(client, "alice@example.com")
    link = reset_link(mail.outbox[0])
    break_glass_grant(user=alice, by="it")
    refused = set_password_from(client, link)
    assert "its password is not reset by e-mail" in refused.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_password_reset_is_off_with_local_sign_in(client, alice, settings):
    settings.LOCAL_SIGNIN = False
    pages = [
        reverse("account_reset_password"),
        reverse("account_reset_password_done"),
        reverse("account_reset_password_from_key", kwargs={"uidb36": "1", "key": "x-y"}),
        reverse("account_reset_password_from_key_done"),
    ]
    for page in pages:
        assert client.get(page).status_code == 404, page
    assert ask(client, "alice@example.com").status_code == 404
    assert mail.outbox == []
    assert reverse("account_reset_password") not in client.get(reverse("login")).content.decode()


def test_an_account_of_the_company_directory_sets_no_password_here(client):
    # allauth asks no old password to set one: a stolen session would get a lasting way in.
    person = make_user("dana")
    person.set_unusable_password()
    person.save()
    client.force_login(person)
    assert client.get(reverse("account_set_password")).status_code == 404
    sent = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    assert client.post(reverse("account_set_password"), sent).status_code == 404
    person.refresh_from_db()
    assert not person.has_usable_password()
    sessions_page = client.get(reverse("usersessions_list")).content.decode()
    assert reverse("account_change_password") not in sessions_page

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.helpers.data import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def sign_in(client, password, username="alice"):
    return client.post(reverse("login"), {"login": username, "password": password})


def test_repeated_failures_lock_the_account_out_for_a_while(client, alice):
    for _ in range(4):
        response = sign_in(client, "wrong")
        assert response.status_code == 200
        assert "Please enter a correct username and password" in response.content.decode()
    locked = sign_in(client, "wrong")
    assert locked.status_code == 429
    assert "Too many sign-in attempts" in locked.content.decode()
    # Even the right password is refused while the lockout lasts.
    assert sign_in(client, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_success_resets_the_count(client, alice):
    for _ in range(4):
        sign_in(client, "wrong")
    assert sign_in(client, PASSWORD).status_code == 302
    client.post(reverse("logout"))
    for _ in range(4):
        assert sign_in(client, "wrong").status_code == 200


def test_other_users_are_not_locked_out(client, alice, bob):
    for _ in range(5):
        sign_in(client, "wrong")
    assert sign_in(client, PASSWORD, username="bob").status_code == 302


def test_a_session_lasts_at_most_a_working_day(client, alice):
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert 0 < int(response.cookies["sessionid"]["max-age"]) <= 12 * 60 * 60


@pytest.mark.parametrize(
    ("password", "reason"), [("password1", "too common"), ("k3!x", "too short")]
)
def test_weak_passwords_are_refused(alice, password, reason):
    with pytest.raises(ValidationError, match=reason):
        validate_password(password, user=alice)


# Behind a reverse proxy every request comes from the proxy's address; the client's is the one
# the (trusted) proxy appended to X-Forwarded-For.
PROXY = "10.0.0.2"


def sign_in_via_proxy(client, password, *, client_address, username="alice", forged=""):
    forwarded = f"{forged}, {client_address}" if forged else client_address
    return client.post(
        reverse("login"),
        {"login": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_behind_a_proxy_a_lockout_holds_only_for_the_clients_own_address(client, alice, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        sign_in_via_proxy(client, "wrong", client_address="203.0.113.7")
    assert sign_in_via_proxy(client, PASSWORD, client_address="203.0.113.7").status_code == 429
    # Alice, at her own desk, is not locked out by someone else's five tries.
    assert sign_in_via_proxy(client, PASSWORD, client_address="198.51.100.4").status_code == 302


def test_an_address_a_client_writes_itself_is_not_believed(client, alice, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for attempt in range(5):
        # A new forged address each time: the proxy's own entry (right-most) still counts.
        sign_in_via_proxy(
            client, "wrong", client_address="203.0.113.7", forged=f"192.0.2.{attempt}"
        )
    assert sign_in_via_proxy(client, PASSWORD, client_address="203.0.113.7").status_code == 429


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(client, alice, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for attempt in range(5):
        client.post(
            reverse("login"),
            {"login": "alice", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}",
        )
    assert sign_in(client, PASSWORD).status_code == 429


def test_one_password_sprayed_over_many_usernames_is_throttled_per_address(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    limit = settings.SIGNIN_ADDRESS_FAILURE_LIMIT
    # A whole office behind one address may get this many wrong in a quarter of an hour...
    for number in range(limit - 1):
        response = sign_in_via_proxy(
            client, "Spring2026!", client_address="203.0.113.7", username=f"user{number}"
        )
        assert response.status_code == 200
    make_user("carol")
    assert (
        sign_in_via_proxy(client, PASSWORD, client_address="203.0.113.7", username="carol")
    ).status_code == 302
    client.post(reverse("logout"))
    sign_in_via_proxy(client, "Spring2026!", client_address="203.0.113.7", username="user-last")
    # ...but past that, nobody signs in from it for a while, whichever username is tried,
    locked = sign_in_via_proxy(client, PASSWORD, client_address="203.0.113.7", username="carol")
    assert locked.status_code == 429
    assert "from this network" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # while other addresses are not affected.
    assert (
        sign_in_via_proxy(client, PASSWORD, client_address="198.51.100.4", username="carol")
    ).status_code == 302


def test_nobody_signs_up(client):
    # Accounts are made by administrators (and the company's directory), never by a visitor.
    page = client.get("/accounts/signup/")
    assert "Sign Up Closed" in page.content.decode()
    client.post(
        "/accounts/signup/", {"username": "mallory", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert not get_user_model().objects.filter(username="mallory").exists()


def test_the_admins_sign_in_leads_to_the_apps(client, alice):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response.url.startswith(f"{reverse('login')}?next=")
    # Signed in without staff status, the admin's sign-in is refused, not offered again.
    client.force_login(alice)
    assert client.get("/admin/login/").status_code == 403


def test_the_admins_own_sign_in_form_signs_nobody_in(client, admin_user):
    # Its form would skip the app's lockouts and second factor.
    client.post("/admin/login/", {"username": admin_user.username, "password": "password"})
    assert "_auth_user_id" not in client.session

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.helpers.data import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, password, username="alice"):
    return client.post(reverse("login"), {"username": username, "password": password})


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

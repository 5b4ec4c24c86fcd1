"""What the real-browser tests share: signing in through the page, the live-server database mark,
and axe-core's accessibility audit."""

import re
import time
from pathlib import Path

import pytest
from django.conf import settings

from tests.helpers.data import PASSWORD
from tests.helpers.totp import totp_code

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"

#: Browser tests talk to a live server in another thread, so they need real commits.
LIVE_DB = pytest.mark.django_db(transaction=True)


#: The authenticator app every staff member in the browser tests has (base32).
STAFF_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def give_second_factor(user) -> str:
    """An authenticator app for ``user``, as if they had enrolled; returns its secret."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, STAFF_TOTP_SECRET)
    return STAFF_TOTP_SECRET


def sign_in(page, live_server, username: str) -> None:
    """Signs in through the page; staff (who must have a second factor) enter its code too."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=username)
    secret = give_second_factor(user) if user.is_staff else None
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    # exact: with a company sign-in configured the page also has "Sign in with <company>".
    page.get_by_role("button", name="Sign in", exact=True).click()
    if secret:
        # A code typed in the last seconds of its period may arrive after it (refused).
        if (left := 30 - time.time() % 30) < 5:
            time.sleep(left + 0.2)
        page.get_by_label("Code").fill(totp_code(secret))
        page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")


def sign_in_with_password(page, live_server, username: str) -> None:
    """Fills in the sign-in page and stops there: what comes next is the test's to check."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("heading", name="Sign in").wait_for()


def content_security_policy_reports(page) -> list[str]:
    """A list that fills with every console message about the Content-Security-Policy refusing
    something on ``page`` (a script, a style, a form target) from now on."""
    reports: list[str] = []
    page.on(
        "console",
        lambda message: (
            reports.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return reports


def axe_violations(page, *, auditor=None) -> list[dict]:
    """WCAG 2.1 A/AA violations that axe-core finds on the page as it is now.

    axe needs JavaScript to run. For a page shown with JavaScript off, pass ``auditor``, a page
    with JavaScript on: it loads the same markup (scripts stripped, so it stays in its no-JS
    state) at the same URL, with the same stylesheets, and axe runs there.
    """
    if auditor is not None:
        html = re.sub(r"<script\b[^>]*>.*?</script>", "", page.content(), flags=re.S | re.I)
        url = page.url.split("#")[0]
        auditor.route(url, lambda route: route.fulfill(body=html, content_type="text/html"))
        auditor.goto(url)
        auditor.unroute(url)
        page = auditor
    result = page.evaluate(
        "async () => {"
        + AXE.read_text(encoding="utf-8")
        + """;
        return await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
        });
        }"""
    )
    return [
        {
            "id": v["id"],
            "help": v["help"],
            "targets": [node["target"] for node in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]

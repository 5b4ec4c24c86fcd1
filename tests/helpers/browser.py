"""What the real-browser tests share: signing in through the page, the live-server database mark,
and axe-core's accessibility audit."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.helpers.data import PASSWORD

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"

#: Browser tests talk to a live server in another thread, so they need real commits.
LIVE_DB = pytest.mark.django_db(transaction=True)


def sign_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")


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

"""Real-browser tests: pytest-playwright driving Debian's Chromium against the live server.

Chromium comes from Debian (`apt-get install chromium`); Playwright cannot download browsers
here. Without it these tests are skipped with a banner, except in CI (CI=true), where a missing
browser is a failure.
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from tests.helpers.data import PASSWORD

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from that
# thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("JDBUILDER_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
_missing_browser: list[str] = []


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "tests/browser/" in item.nodeid]
    if CHROMIUM.exists() or not browser_items:
        return
    message = f"Chromium not found at {CHROMIUM}: install it with `apt-get install chromium`"
    if IN_CI:
        raise pytest.UsageError(f"{message}. CI must run the browser tests.")
    _missing_browser.append(message)
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=message))


def pytest_terminal_summary(terminalreporter):
    if _missing_browser:
        terminalreporter.section("BROWSER TESTS SKIPPED", sep="!", red=True, bold=True)
        terminalreporter.write_line(_missing_browser[0], red=True, bold=True)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "viewport": {"width": 1280, "height": 900},
        "accept_downloads": True,
    }


#: Browser tests talk to a live server in another thread, so they need real commits.
LIVE_DB = pytest.mark.django_db(transaction=True)


@pytest.fixture
def hr_user(db):
    return get_user_model().objects.create_user(username="harriet", password=PASSWORD)


def sign_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")


@pytest.fixture
def signed_in(page, live_server, hr_user):
    sign_in(page, live_server, hr_user.username)
    return page


@pytest.fixture
def shoot(request):
    """Save a full-page screenshot under test-artifacts/screenshots/ for a person to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    counter = iter(range(1, 100))

    def take(page, name: str) -> Path:
        path = ARTIFACTS / f"{request.node.name}-{next(counter):02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


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

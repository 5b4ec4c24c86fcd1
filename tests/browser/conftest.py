"""Real-browser tests: pytest-playwright driving Debian's Chromium against the live server.

Chromium comes from Debian (`apt-get install chromium`); Playwright cannot download browsers
here. Without it these tests are skipped with a banner, except in CI (CI=true), where a missing
browser is a failure.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings

from tests.helpers.browser import sign_in
from tests.helpers.data import make_user

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
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
_missing_browser: list[str] = []


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "tests/browser/" in item.nodeid]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
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


@pytest.fixture
def hr_user(db):
    return make_user("harriet")


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

"""Hostile load against a running gunicorn: the editor's largest requests, filled with the worst
texts for the guidance checks, must not stall or kill a worker. Marked ``server``: it starts
gunicorn (about a minute); CI runs it in one database pass."""

import threading
import time

import pytest
import requests
from django.conf import settings
from django.urls import reverse

from roles.models import LevelSignal
from tests.helpers.data import PASSWORD, make_draft, make_user
from tests.helpers.hostile import hostile_form
from tests.helpers.pages import form_values
from tests.helpers.project import child_pids, gunicorn_server

pytestmark = [pytest.mark.server, pytest.mark.django_db(transaction=True)]

REQUESTS = 20


def signed_in(base: str) -> requests.Session:
    session = requests.Session()
    session.get(f"{base}/accounts/login/", timeout=30)
    response = session.post(
        f"{base}/accounts/login/",
        data={
            "login": "alice",  # allauth's name for the username field
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302
    return session


def test_worst_case_requests_just_under_the_upload_limit_leave_every_worker_alive():
    alice = make_user("alice")
    draft = make_draft(alice)
    longest = max(
        LevelSignal.objects.values_list("phrase", flat=True), key=lambda p: len(p.split())
    )
    with gunicorn_server(workers=2) as (base, server):
        workers = child_pids(server.pid)
        assert len(workers) == 2
        session = signed_in(base)
        page = session.get(base + draft.get_absolute_url(), timeout=30)
        form = hostile_form(
            form_values(page.text, "editor-form"),
            longest.split(),
            settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
        )
        headers = {"X-CSRFToken": session.cookies["csrftoken"], "HX-Request": "true"}
        health: list[int | str] = []
        done = threading.Event()

        def watch_health() -> None:
            while not done.is_set():
                try:
                    health.append(requests.get(f"{base}/healthz", timeout=10).status_code)
                except requests.RequestException as error:
                    health.append(type(error).__name__)
                time.sleep(0.25)

        watcher = threading.Thread(target=watch_health)
        watcher.start()
        statuses = []
        try:
            urls = [reverse("roles:guidance", args=[draft.pk]), draft.get_absolute_url()]
            for number in range(REQUESTS):
                # The live check and the editor's save (which fails validation and is checked as
                # typed), alternately.
                url = base + urls[number % 2]
                statuses.append(
                    session.post(url, data=form, headers=headers, timeout=60).status_code
                )
        finally:
            done.set()
            watcher.join()
        # Answered, every one: the live check (200) and the save refused with its errors (200).
        assert statuses == [200] * REQUESTS
        assert health and set(health) == {200}, health
        # No worker was killed by the timeout and replaced.
        assert child_pids(server.pid) == workers
    output = server.stdout.read()
    assert "WORKER TIMEOUT" not in output and "Traceback" not in output, output[-3000:]

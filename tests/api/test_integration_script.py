"""The integration script of docs/api.md (#29), run as an integrator runs it: its own process,
Python's standard library alone, against the app under gunicorn with a real task worker sending
the webhooks to the script's receiver on 127.0.0.1 (allowed by WEBHOOK_ALLOWED_PRIVATE_HOSTS,
the one way to a private address). The app knows its own address (DJANGO_SITE_URL), so the
links in its events are the server's. Once per CI run (``server``), not once per database.

The docs show the script whole; the first test keeps the two the same, byte for byte."""

import base64
import os
import secrets
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from roles.models import Approval, JobDescription, WebhookDelivery, WebhookSubscription
from roles.services.webhooks import webhook_subscription_create
from tests.helpers.api import make_token
from tests.helpers.data import make_user
from tests.helpers.project import ROOT, free_port, gunicorn_server, task_worker
from tests.helpers.review import make_reviewer

SCRIPT = ROOT / "docs" / "examples" / "integration.py"
#: The script's own bound is its --wait for the webhook; this one stops a script that hangs.
SCRIPT_TIMEOUT_SECONDS = 180
SECTION = "\n## A whole integration, end to end\n"


def test_the_docs_show_the_script_as_it_is():
    """One source: the code block of the section is the file, byte for byte."""
    docs = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    assert docs.count(SECTION) == 1
    section = docs.split(SECTION)[1].split("\n## ")[0]
    blocks = section.split("\n```python\n")
    assert len(blocks) == 2, "the section shows one Python block: the script"
    shown = blocks[1].split("\n```\n")[0] + "\n"
    assert shown.encode() == SCRIPT.read_bytes(), "docs/api.md and the script differ"


@contextmanager
def app_serving(media: Path):
    """gunicorn and a task worker on the test database, sharing ``media`` (the approved PDFs),
    both allowed to call 127.0.0.1 and knowing the server's address."""
    port = free_port()
    env = {
        "DJANGO_MEDIA_ROOT": str(media),
        "DJANGO_SITE_URL": f"http://127.0.0.1:{port}",
        "WEBHOOK_ALLOWED_PRIVATE_HOSTS": "127.0.0.1",
    }
    with gunicorn_server(workers=2, port=port, **env) as (base, _), task_worker(**env):
        yield base


def run_script(base: str, owner_token: str, reviewer_token: str, *arguments: str):
    """The script in a process of its own, given what an integrator gives it, with Python's
    standard library alone and nothing of the project's environment."""
    env = {
        "PATH": os.environ["PATH"],
        "JDB_URL": base,
        "JDB_OWNER_TOKEN": owner_token,
        "JDB_REVIEWER_TOKEN": reviewer_token,
    }
    return subprocess.run(
        # -S: no site-packages, so an import from outside the standard library fails.
        [sys.executable, "-I", "-S", str(SCRIPT), "--reviewer", "rita", "--wait", "60", *arguments],
        capture_output=True,
        text=True,
        timeout=SCRIPT_TIMEOUT_SECONDS,
        env=env,
        cwd=SCRIPT.parent,
    )


def people() -> tuple:
    """Olivia, who owns the drafts (her token: read, write, review, export), and Rita, a
    reviewer (read, review)."""
    owner = make_user("olivia", first_name="Olivia", last_name="Owner")
    reviewer = make_reviewer("rita")
    _, owner_token = make_token(owner, ("read", "write", "review", "export"))
    _, reviewer_token = make_token(reviewer, ("read", "review"))
    return owner, owner_token, reviewer_token


@pytest.mark.server
@pytest.mark.django_db(transaction=True)
def test_the_script_takes_a_draft_from_the_template_to_its_verified_approved_pdf(tmp_path):
    owner, owner_token, reviewer_token = people()
    with app_serving(tmp_path / "media") as base:
        result = run_script(base, owner_token, reviewer_token, "--receiver-port", "0")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output

    steps = [line.split(" ", 1)[0] for line in result.stdout.splitlines()]
    assert steps == [
        "receiver", "subscribed", "template", "created", "replayed", "kpi", "findings",
        "submitted", "approved", "webhook", "pdf", "cleaned", "done",
    ], output  # fmt: skip
    assert "director-of-operations: Director of Operations" in output
    assert "the same key again" in output
    assert "signature verified" in output
    assert "SHA-256 matches the event's" in output

    # What the script says it did, it did: one draft (the replay made none), approved with the
    # new KPI target, its approved PDF on file; the webhook delivered, the subscription gone.
    draft = JobDescription.objects.get(owner=owner)
    assert draft.review_state == "approved"
    assert draft.kpis.first().target == "99% (set by integration.py)"
    approval = Approval.objects.get(job_description=draft)
    assert approval.sha256 in output
    assert f"approval {approval.pk}" in output
    assert not WebhookSubscription.objects.exists()
    assert not WebhookDelivery.objects.exists()  # deleted with its subscription


@pytest.mark.server
@pytest.mark.django_db(transaction=True)
def test_a_wrong_webhook_secret_fails_the_script_on_the_signature(tmp_path, settings):
    """The receiver holds another secret than the subscription's: the call is refused (400)
    and the script stops with a non-zero status, saying why, before any PDF is trusted."""
    settings.WEBHOOK_ALLOWED_PRIVATE_HOSTS = ["127.0.0.1"]  # as the server's
    owner, owner_token, reviewer_token = people()
    port = free_port()
    media = tmp_path / "media"
    with app_serving(media) as base:
        # Made beforehand, as an integrator makes it once; its secret is not the one given.
        subscription = webhook_subscription_create(
            owner=owner,
            name="ATS",
            url=f"http://127.0.0.1:{port}/jd-builder/webhook",
            events=["jd.approved"],
        )
        wrong = "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()
        assert wrong != subscription.secret
        result = run_script(
            base,
            owner_token,
            reviewer_token,
            "--receiver-port",
            str(port),
            "--webhook-secret",
            wrong,
        )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "FAILED: a webhook call was refused: the webhook-signature of msg_" in result.stderr
    assert "does not match the secret" in result.stderr
    assert "subscribed subscription" in result.stdout
    assert "approved" in result.stdout
    assert "pdf" not in [line.split(" ", 1)[0] for line in result.stdout.splitlines()]
    delivery = WebhookDelivery.objects.get(subscription=subscription)
    assert delivery.last_response_status == 400  # the receiver refused it

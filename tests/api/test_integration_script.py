"""The integration script of docs/api.md (#29), run as an integrator runs it: its own process,
Python's standard library alone, against the app under gunicorn with a real task worker sending
the webhooks to the script's receiver on 127.0.0.1 (allowed by WEBHOOK_ALLOWED_PRIVATE_HOSTS,
the one way to a private address). The app knows its own address (DJANGO_SITE_URL), so the
links in its events are the server's. Once per CI run (``server``), not once per database.

The docs show the script whole; the first test keeps the two the same, byte for byte. Its
signature check is held against the standardwebhooks library, and its one safety rule (a
token goes to its server only) is tried, without a server."""

import importlib.util
import os
import subprocess
import sys
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from standardwebhooks import Webhook, WebhookVerificationError

from roles.models import (
    Approval,
    JobDescription,
    WebhookDelivery,
    WebhookSubscription,
    new_webhook_secret,
)
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


def the_script():
    """The script as a module, to call its parts (it runs nothing when imported)."""
    spec = importlib.util.spec_from_file_location("jdb_integration_example", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def signed(secret: str, *, age_seconds: int = 0, body: bytes = b'{"type":"jd.approved"}'):
    """A call's headers and body as the standardwebhooks library signs them."""
    sent = datetime.now(UTC) - timedelta(seconds=age_seconds)
    signature = Webhook(secret).sign("msg_1", sent, body.decode())
    headers = {
        "webhook-id": "msg_1",
        "webhook-timestamp": str(int(sent.timestamp())),
        "webhook-signature": signature,
    }
    return headers, body


def test_the_scripts_verification_agrees_with_standard_webhooks():
    """What the standardwebhooks library signs, the script's hand-written check takes (one
    matching signature of two, as during a rotation); another secret, a body changed after
    signing, or a call stamped over five minutes ago, it refuses, as the library does."""
    integration = the_script()
    verify, refused = integration.verify_webhook, integration.SignatureRefused
    secret, other = new_webhook_secret(), new_webhook_secret()
    headers, body = signed(secret)
    assert verify(secret, headers, body) == {"type": "jd.approved"}
    theirs = signed(other)[0]["webhook-signature"]
    rotating = {**headers, "webhook-signature": f"{theirs} {headers['webhook-signature']}"}
    assert verify(secret, rotating, body) == {"type": "jd.approved"}

    with pytest.raises(refused, match="does not match the secret"):
        verify(other, headers, body)
    with pytest.raises(refused, match="does not match the secret"):
        verify(secret, headers, body.replace(b"approved", b"archived"))
    old_headers, old_body = signed(secret, age_seconds=6 * 60)
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(old_body, old_headers)
    with pytest.raises(refused, match="more than five"):
        verify(secret, old_headers, old_body)
    with pytest.raises(refused, match="no webhook-id"):
        verify(secret, {}, body)


@pytest.mark.parametrize(
    "link",
    [
        "http://ats.example.com/api/v1/drafts/1/approvals/1/pdf",
        "http://127.0.0.1:9.example.com/api/v1/drafts/1/approvals/1/pdf",  # alike, not it
        "https://127.0.0.1:9/api/v1/drafts/1/approvals/1/pdf",
    ],
)
def test_the_script_sends_its_token_to_its_server_only(link):
    """A link from an event names the server's DJANGO_SITE_URL: the script follows one to
    another address without its token, not at all."""
    integration = the_script()
    api = integration.Api("http://127.0.0.1:9", "jdb_pat_not-a-token")
    with pytest.raises(integration.IntegrationFailed, match="the token stays here"):
        api.call("GET", link)


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
        wrong = new_webhook_secret()
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
    steps = [line.split(" ", 1)[0] for line in result.stdout.splitlines()]
    assert steps == [
        "receiver", "subscribed", "template", "created", "replayed", "kpi", "findings",
        "submitted", "approved",
    ], output  # fmt: skip
    assert f"subscription {subscription.pk}, made beforehand" in result.stdout
    delivery = WebhookDelivery.objects.get(subscription=subscription)
    assert delivery.last_response_status == 400  # the receiver refused it

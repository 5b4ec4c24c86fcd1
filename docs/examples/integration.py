"""JD Builder's API from end to end, with Python's standard library alone.

What an integration does, each step printed as it happens:

1. start a webhook receiver on 127.0.0.1, before anything could call it;
2. subscribe it to ``jd.approved`` (``POST /api/v1/webhooks/``) and keep the secret the answer
   holds, shown this once; or, with ``--webhook-secret``, use the subscription made beforehand
   for the receiver's address and the secret kept then;
3. start a draft from the Director template (``POST /api/v1/drafts/`` with an
   ``Idempotency-Key``), and send the same request again to see the first answer come back;
4. change one KPI's target (``PATCH``, ``If-Match`` naming the version read);
5. send the draft to the reviewer (the owner's token), who approves the version they read
   (the reviewer's token);
6. wait for the ``jd.approved`` call and verify its Standard Webhooks signature by hand;
7. download the approved PDF the event links to and compare its SHA-256 with the event's.

The server must be able to call this machine's 127.0.0.1: run the script beside the server,
whose settings list it (``WEBHOOK_ALLOWED_PRIVATE_HOSTS=127.0.0.1``), with a task worker running
(the worker sends webhooks). Tokens are read from the environment (a command line shows in
``ps``)::

    export JDB_URL=http://127.0.0.1:8000
    export JDB_OWNER_TOKEN=jdb_pat_...     # scopes read, write, review, export
    export JDB_REVIEWER_TOKEN=jdb_pat_...  # scopes read, review: a person who may review
    python docs/examples/integration.py --reviewer rita

Exit status: 0 when every step worked, 1 when one did not (the message says which and why),
2 for a usage error.
"""

import argparse
import base64
import binascii
import hashlib
import hmac
import json
import os
import queue
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

#: Standard Webhooks: a call stamped further than this from our clock is refused (a replay).
TOLERANCE_SECONDS = 5 * 60
#: The largest webhook body read; an event is a few kilobytes.
MAX_WEBHOOK_BYTES = 1024 * 1024
RECEIVER_PATH = "/jd-builder/webhook"
#: Approving renders the approved PDF within the request: give it time.
REQUEST_TIMEOUT_SECONDS = 60
NEW_TARGET = "99% (set by integration.py)"


class IntegrationFailed(Exception):
    """A step did not do what it should; the message says which and why."""


class SignatureRefused(Exception):
    """A webhook call that is not JD Builder's, as far as the receiver can tell."""


def step(name: str, detail: str) -> None:
    print(f"{name:<10} {detail}", flush=True)


# --- Verifying a webhook (Standard Webhooks, https://www.standardwebhooks.com/) ---------------


def secret_key(secret: str) -> bytes:
    """The HMAC key of a subscription's secret: the bytes of the base64 after ``whsec_``."""
    if not secret.startswith("whsec_"):
        raise ValueError("a webhook secret starts with whsec_")
    try:
        return base64.b64decode(secret.removeprefix("whsec_"), validate=True)
    except binascii.Error:
        raise ValueError("a webhook secret is whsec_ and base64") from None


def verify_webhook(secret: str, headers, body: bytes) -> dict:
    """The event ``body`` carries, if the call is signed with ``secret`` and recent; else
    ``SignatureRefused``. ``body`` is the bytes received: parse it only after this."""
    message_id = headers.get("webhook-id")
    timestamp = headers.get("webhook-timestamp")
    signatures = headers.get("webhook-signature")
    if not (message_id and timestamp and signatures):
        raise SignatureRefused("no webhook-id, webhook-timestamp or webhook-signature header")
    try:
        age = time.time() - int(timestamp)
    except ValueError:
        raise SignatureRefused(f"webhook-timestamp {timestamp!r} is not Unix seconds") from None
    if abs(age) > TOLERANCE_SECONDS:
        raise SignatureRefused(
            f"webhook-timestamp is {age:.0f} s from this machine's clock, more than five "
            "minutes: a replayed call, or a clock that is off"
        )
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_key(secret), signed, hashlib.sha256).digest()
    expected = base64.b64encode(digest)
    # Several signatures while a secret is being rotated: one matching is enough.
    for signature in signatures.split():
        version, _, value = signature.partition(",")
        if version == "v1" and hmac.compare_digest(value.encode(), expected):
            return json.loads(body)
    raise SignatureRefused(
        f"the webhook-signature of {message_id} does not match the secret: is it this "
        "subscription's secret (whsec_...)?"
    )


class WebhookReceiver:
    """Takes webhook calls on 127.0.0.1: verifies each before reading it, answers at once (204
    received, 400 refused; the server waits 15 s at most) and hands the verified events, or
    the reasons for refusing a call, to the main thread through ``calls``."""

    def __init__(self, port: int):
        self.secret = ""  # known once the subscription is
        self.calls: queue.Queue = queue.Queue()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                if self.path != RECEIVER_PATH:
                    self.answer(404)
                    return
                length = self.headers.get("Content-Length", "")
                if not length.isdigit() or int(length) > MAX_WEBHOOK_BYTES:
                    self.answer(413 if length.isdigit() else 411)
                    return
                body = self.rfile.read(int(length))
                try:
                    event = verify_webhook(receiver.secret, self.headers, body)
                except (SignatureRefused, ValueError) as error:
                    self.answer(400)
                    receiver.calls.put(("refused", str(error), None))
                    return
                self.answer(204)
                receiver.calls.put(("event", self.headers["webhook-id"], event))

            def answer(self, status: int) -> None:
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass  # the steps say what happened

        try:
            self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        except OSError as error:
            raise IntegrationFailed(f"cannot listen on 127.0.0.1:{port}: {error}") from None
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}{RECEIVER_PATH}"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc_info):
        self.server.shutdown()
        self.server.server_close()

    def wait_for(self, event_type: str, draft_id: int, seconds: float) -> tuple[str, dict]:
        """The first verified ``event_type`` about the draft, with its webhook-id. A refused
        call fails at once: nothing signed with a wrong secret gets any better by waiting."""
        deadline = time.monotonic() + seconds
        seen = set()
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                kind, detail, event = self.calls.get(timeout=remaining)
            except queue.Empty:
                break
            if kind == "refused":
                raise IntegrationFailed(f"a webhook call was refused: {detail}")
            if detail in seen:  # an attempt repeated: the same webhook-id
                continue
            seen.add(detail)
            about = event["data"].get("job_description", {}).get("id")
            if event["type"] == event_type and about == draft_id:
                return detail, event
            step("webhook", f"{detail}: {event['type']} about draft {about}, not awaited")
        raise IntegrationFailed(
            f"no {event_type} call about draft {draft_id} within {seconds:.0f} s: is a task "
            "worker running, and 127.0.0.1 in the server's WEBHOOK_ALLOWED_PRIVATE_HOSTS? The "
            "subscription's delivery log (/account/webhooks/) shows each attempt."
        )


# --- Calling the API -------------------------------------------------------------------------


class Answer:
    def __init__(self, status: int, headers, content: bytes):
        self.status, self.headers, self.content = status, headers, content

    @property
    def json(self) -> dict:
        return json.loads(self.content)


class Api:
    """Calls the API at ``base_url`` with one token."""

    def __init__(self, base_url: str, token: str):
        self.base_url = base_url.rstrip("/")
        self.token = token

    def call(self, method: str, path: str, *, body=None, headers=None, expect=(200,)) -> Answer:
        """``path`` is the API's (``/api/v1/...``) or an address the API gave; an answer whose
        status is not in ``expect`` fails the step with the problem's detail."""
        url = path if "://" in path else self.base_url + path
        if not url.startswith(self.base_url + "/"):
            # A token goes to its server only. A link in an event names the server's
            # DJANGO_SITE_URL: another address means that setting is not this server's.
            raise IntegrationFailed(f"{url} is not on {self.base_url}: the token stays here")
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Authorization", f"Bearer {self.token}")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT_SECONDS) as response:
                answer = Answer(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            answer = Answer(error.code, error.headers, error.read())
        except (urllib.error.URLError, TimeoutError) as error:
            reason = getattr(error, "reason", error)
            raise IntegrationFailed(f"{method} {url}: no answer ({reason})") from None
        if answer.status not in expect:
            raise IntegrationFailed(f"{method} {url} answered {answer.status}: {detail(answer)}")
        return answer


def detail(answer: Answer) -> str:
    """What a problem (RFC 9457) says, with each error's place."""
    try:
        problem = answer.json
    except ValueError:
        return answer.content[:200].decode("utf-8", "replace")
    errors = "; ".join(
        f"{error.get('pointer') or error.get('parameter') or ''} {error.get('detail')}".strip()
        for error in problem.get("errors", [])
    )
    return " ".join(filter(None, [problem.get("detail"), errors, f"({problem.get('type')})"]))


# --- The integration -------------------------------------------------------------------------


def subscribe(owner: Api, receiver: WebhookReceiver, secret: str) -> int | None:
    """Gives the receiver its secret. Without one given, subscribes it to jd.approved and
    returns the new subscription's id (to delete afterwards); with one, finds the owner's
    subscription for the receiver's address."""
    if secret:
        mine = owner.call("GET", "/api/v1/webhooks/").json
        found = [s for s in mine if s["url"] == receiver.url and "jd.approved" in s["events"]]
        if not found:
            raise IntegrationFailed(
                f"none of your webhook subscriptions sends jd.approved to {receiver.url}: make "
                "one (POST /api/v1/webhooks/), or leave out --webhook-secret"
            )
        if found[0]["status"] != "active":
            raise IntegrationFailed(f"subscription {found[0]['id']} is paused: resume it")
        receiver.secret = secret
        step("subscribed", f"subscription {found[0]['id']}, made beforehand, with its secret")
        return None
    made = owner.call(
        "POST",
        "/api/v1/webhooks/",
        body={"name": "integration.py", "url": receiver.url, "events": ["jd.approved"]},
        expect=(201,),
    ).json
    receiver.secret = made["secret"]  # shown this once: a receiver keeps it now
    step("subscribed", f"subscription {made['id']} sends jd.approved to {receiver.url}")
    return made["id"]


def start_draft(owner: Api, template_slug: str) -> tuple[dict, str]:
    """A new draft of the template, and its ETag. Sent twice with one Idempotency-Key, as a
    client would after a timeout: the second answer is the first, and no second draft."""
    template = owner.call("GET", f"/api/v1/templates/{template_slug}/").json
    step("template", f"{template['slug']}: {template['title']} (level {template['level']})")
    run = time.strftime("%Y%m%d-%H%M%S")
    body = {
        "template": template_slug,
        "title": f"{template['title']} (integration {run})",
        "department": "Operations",
        "requisition_id": f"INT-{run}",
    }
    key = {"Idempotency-Key": str(uuid.uuid4())}
    created = owner.call("POST", "/api/v1/drafts/", body=body, headers=key, expect=(201,))
    draft, etag = created.json, created.headers["ETag"]
    step("created", f"draft {draft['id']} at {created.headers['Location']}, ETag {etag}")
    again = owner.call("POST", "/api/v1/drafts/", body=body, headers=key, expect=(201,))
    if again.json["id"] != draft["id"] or again.headers.get("Idempotent-Replayed") != "true":
        raise IntegrationFailed(f"the same Idempotency-Key made draft {again.json['id']} too")
    step("replayed", f"the same key again: draft {draft['id']} again, no second draft")
    return draft, etag


def change_kpi(owner: Api, draft: dict, etag: str) -> tuple[dict, str]:
    """The first KPI's target changed. A list is sent whole: the other KPIs by id alone
    (each keeps what it leaves out); a KPI left out would be removed."""
    if not draft["kpis"]:
        raise IntegrationFailed(f"draft {draft['id']} has no KPI to change")
    first, *others = draft["kpis"]
    kpis = [{"id": first["id"], "target": NEW_TARGET}, *({"id": kpi["id"]} for kpi in others)]
    changed = owner.call(
        "PATCH", f"/api/v1/drafts/{draft['id']}/", body={"kpis": kpis}, headers={"If-Match": etag}
    )
    after = changed.json["kpis"][0]
    if (after["id"], after["target"]) != (first["id"], NEW_TARGET):
        raise IntegrationFailed(f"the KPI reads {after} after the change")
    etag = changed.headers["ETag"]
    step("kpi", f"{first['name']!r}: target {first['target']!r} -> {NEW_TARGET!r}, ETag {etag}")
    return changed.json, etag


def submit(owner: Api, draft_id: int, etag: str, reviewer: str) -> None:
    findings = owner.call("GET", f"/api/v1/drafts/{draft_id}/findings/").json
    step("findings", f"{findings['open']} open, {findings['required']} of them required")
    review = owner.call(
        "POST",
        f"/api/v1/drafts/{draft_id}/review/submit/",
        body={
            "reviewers": [reviewer],
            "message": "Sent by integration.py.",
            # Needed while findings are open: the owner sends it as it is.
            "confirm_open_findings": findings["open"] > 0,
        },
        headers={"If-Match": etag},
    ).json
    step("submitted", f"to {reviewer}: the draft is {review['state']}")


def approve(reviewer: Api, draft_id: int, reviewer_name: str) -> dict:
    """The reviewer reads the draft, then approves the version read (its ETag). Returns the
    approval as the review answers it."""
    read = reviewer.call("GET", f"/api/v1/drafts/{draft_id}/")
    if read.json["kpis"][0]["target"] != NEW_TARGET:
        raise IntegrationFailed("the reviewer reads another KPI target than the one sent")
    required = reviewer.call("GET", f"/api/v1/drafts/{draft_id}/findings/").json["required"]
    decision = {"decision": "approve", "message": "Approved by integration.py."}
    if required:  # approving with a required finding open needs a reason, kept with it
        decision["open_required_reason"] = "An integration test, not a posting."
    review = reviewer.call(
        "POST",
        f"/api/v1/drafts/{draft_id}/review/decide/",
        body=decision,
        headers={"If-Match": read.headers["ETag"]},
    ).json
    approval = review["current_approval"]
    if review["state"] != "approved" or not approval:
        raise IntegrationFailed(f"after the approval the draft is {review['state']}")
    step("approved", f"by {reviewer_name}: approval {approval['id']}, sha256 {approval['sha256']}")
    return approval


def receive_approved(receiver: WebhookReceiver, draft_id: int, approval: dict, wait: float):
    """The signed jd.approved event, checked against the approval the review answered."""
    message_id, event = receiver.wait_for("jd.approved", draft_id, wait)
    data = event["data"]
    if (data["approval"]["id"], data["approval"]["sha256"]) != (approval["id"], approval["sha256"]):
        raise IntegrationFailed(f"the event tells of approval {data['approval']}, not {approval}")
    if data["document"]["kpis"][0]["target"] != NEW_TARGET:
        raise IntegrationFailed("the approved text in the event lacks the KPI's new target")
    step("webhook", f"{message_id}: jd.approved, signature verified, approved text included")
    return data


def download_pdf(owner: Api, link: str, sha256: str) -> None:
    """The approved PDF (approval.pdf: the file stored at approval, never rendered again; the
    event's documents.pdf is the draft as it is when asked, which may have changed since)."""
    answer = owner.call("GET", link)
    if answer.headers.get_content_type() != "application/pdf":
        raise IntegrationFailed(f"{link} is {answer.headers['Content-Type']}, not a PDF")
    digest = hashlib.sha256(answer.content).hexdigest()
    if digest != sha256:
        raise IntegrationFailed(f"the PDF's SHA-256 is {digest}, the event says {sha256}")
    step("pdf", f"{link}: {len(answer.content):,} bytes, SHA-256 matches the event's")


def integrate(args: argparse.Namespace, receiver: WebhookReceiver) -> None:
    owner = Api(args.url, args.owner_token)
    reviewer = Api(args.url, args.reviewer_token)
    step("receiver", f"listening on {receiver.url}")
    subscription_id = subscribe(owner, receiver, args.webhook_secret)
    try:
        draft, etag = start_draft(owner, args.template)
        draft, etag = change_kpi(owner, draft, etag)
        submit(owner, draft["id"], etag, args.reviewer)
        approval = approve(reviewer, draft["id"], args.reviewer)
        data = receive_approved(receiver, draft["id"], approval, args.wait)
        download_pdf(owner, data["approval"]["pdf"], data["approval"]["sha256"])
    finally:
        if subscription_id is not None:  # it calls this receiver, which is about to stop
            unsubscribe(owner, subscription_id)


def unsubscribe(owner: Api, subscription_id: int) -> None:
    try:
        owner.call("DELETE", f"/api/v1/webhooks/{subscription_id}/", expect=(204,))
    except IntegrationFailed as failure:  # said, without hiding why the run stopped
        print(f"warning: subscription {subscription_id} is left: {failure}", file=sys.stderr)
    else:
        step("cleaned", f"subscription {subscription_id} deleted")


def arguments(argv=None) -> argparse.Namespace:
    env = os.environ.get
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=env("JDB_URL", "http://127.0.0.1:8000"), help="JDB_URL")
    parser.add_argument("--owner-token", default=env("JDB_OWNER_TOKEN"), help="JDB_OWNER_TOKEN")
    parser.add_argument(
        "--reviewer-token", default=env("JDB_REVIEWER_TOKEN"), help="JDB_REVIEWER_TOKEN"
    )
    parser.add_argument("--reviewer", default=env("JDB_REVIEWER"), help="the reviewer's username")
    parser.add_argument("--template", default="director-of-operations", help="a template's slug")
    parser.add_argument(
        "--webhook-secret",
        default=env("JDB_WEBHOOK_SECRET", ""),
        help="JDB_WEBHOOK_SECRET: use your subscription for the receiver's address, made "
        "beforehand, and this, its secret (else a subscription is made and deleted)",
    )
    parser.add_argument(
        "--receiver-port",
        type=int,
        default=int(env("JDB_RECEIVER_PORT", "8765")),
        help="JDB_RECEIVER_PORT: the receiver's port on 127.0.0.1 (0: any free port)",
    )
    parser.add_argument("--wait", type=float, default=60, help="seconds to wait for the webhook")
    args = parser.parse_args(argv)
    for name in ("owner_token", "reviewer_token", "reviewer"):
        if not getattr(args, name):
            parser.error(f"--{name.replace('_', '-')} is needed (or its environment variable)")
    if args.webhook_secret:
        try:
            secret_key(args.webhook_secret)
        except ValueError as error:
            parser.error(f"--webhook-secret: {error}")
    return args


def main(argv=None) -> int:
    args = arguments(argv)
    started = time.monotonic()
    try:
        with WebhookReceiver(args.receiver_port) as receiver:
            integrate(args, receiver)
    except IntegrationFailed as failure:
        print(f"FAILED: {failure}", file=sys.stderr, flush=True)
        return 1
    step("done", f"every step worked, in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

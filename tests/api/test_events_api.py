"""The events API (#29): the event log by cursor, through the access helper (a stranger never
reads another's draft's events), in constant queries; one's webhook subscriptions made,
read, changed, rotated and deleted, the secret shown once; the payloads in the schema."""

import hashlib
import json

import pytest
import yaml
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roles.models import JobDescription, WebhookSubscription, WebhookSubscriptionStatus
from roles.services.review import review_reopen
from roles.services.webhooks import webhook_event_record, webhook_payload
from tests.helpers.api import bearer, make_token, problem_of
from tests.helpers.data import make_draft, make_user
from tests.helpers.review import approve, make_reviewer

pytestmark = pytest.mark.django_db


def get(client, url, token, status=200):
    response = client.get(url, **bearer(token))
    assert response.status_code == status, response.content
    return json.loads(response.content) if status == 200 else problem_of(response)


def send(client, method, url, token, body=None, status=200):
    response = getattr(client, method)(
        url, data=json.dumps(body or {}), content_type="application/json", **bearer(token)
    )
    assert response.status_code == status, response.content
    if status >= 400:
        return problem_of(response)
    return json.loads(response.content) if response.content else None


def record(event_type, draft=None, **data):
    webhook_event_record(
        event_type=event_type,
        payload=webhook_payload(event_type, data),
        job_description_id=draft.pk if draft else None,
    )


@pytest.fixture
def alice_token(alice):
    return make_token(alice)[1]


@pytest.fixture
def bob_token(bob):
    return make_token(bob)[1]


def test_events_come_by_cursor_oldest_first(client, alice, alice_token):
    draft = make_draft(alice)
    for number in range(5):
        record("jd.submitted", draft, n=number)
    first = get(client, "/api/v1/events/?page_size=2", alice_token)
    assert [event["data"]["n"] for event in first["results"]] == [0, 1]
    assert first["has_more"] is True
    assert set(first["results"][0]) == {"id", "type", "timestamp", "data"}
    second = get(client, first["next"], alice_token)
    assert [event["data"]["n"] for event in second["results"]] == [2, 3]
    last = get(client, second["next"], alice_token)
    assert [event["data"]["n"] for event in last["results"]] == [4]
    assert last["has_more"] is False
    # Nothing new yet: the same place to ask again.
    empty = get(client, last["next"], alice_token)
    assert empty["results"] == [] and empty["next"] == last["next"]
    record("jd.archived", draft)
    assert [e["type"] for e in get(client, last["next"], alice_token)["results"]] == ["jd.archived"]


def test_a_stranger_never_reads_anothers_draft_events(client, alice, bob, bob_token):
    alices = make_draft(alice)
    record("jd.created", alices, title="Alice's secret role")
    record("template.changed", change="changed")
    record("jd.created", make_draft(bob), title="Bob's own")
    events = get(client, "/api/v1/events/", bob_token)["results"]
    assert [event["type"] for event in events] == ["template.changed", "jd.created"]
    assert "Alice's secret role" not in json.dumps(events)

    manager = make_user("hana")
    Group.objects.get(name="HR managers").user_set.add(manager)
    everything = get(client, "/api/v1/events/", make_token(manager)[1])["results"]
    assert len(everything) == 3


def test_a_handed_over_draft_takes_its_events_with_it(client, alice, bob, alice_token):
    draft = make_draft(alice)
    record("jd.created", draft)
    assert len(get(client, "/api/v1/events/", alice_token)["results"]) == 1
    draft.owner = bob
    draft.save(update_fields=["owner"])
    assert get(client, "/api/v1/events/", alice_token)["results"] == []


def test_events_are_read_in_constant_queries(client, alice, alice_token):
    draft = make_draft(alice)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            get(client, "/api/v1/events/?page_size=100", alice_token)
        return len(captured)

    record("jd.created", draft)
    get(client, "/api/v1/events/", alice_token)  # the token's first use writes its last-used time
    few = queries()
    for _ in range(30):
        record("jd.submitted", draft)
        record("template.changed")
    assert queries() == few


@pytest.mark.parametrize(
    "query",
    [
        "after=-1",
        "after=x",
        "after=",  # blank: not "from the start" (schemathesis found it accepted)
        "after=true",
        "after=1&after=2",  # twice: which one?
        "after=１",  # a full-width digit is a digit to str.isdecimal, not to a client
        "page_size=0",
        "page_size=999",
        "page_size=",
    ],
)
def test_a_bad_cursor_or_size_is_a_400_naming_it(client, alice_token, query):
    problem = get(client, f"/api/v1/events/?{query}", alice_token, status=400)
    assert problem["errors"][0]["parameter"] == query.split("=")[0]


def test_events_need_the_read_scope(client, alice):
    token = make_token(alice, scopes=("write",))[1]
    problem = get(client, "/api/v1/events/", token, status=403)
    assert problem["type"] == "urn:jdbuilder:problem:missing-scope"


@pytest.fixture
def receivers_allowed(settings):
    settings.WEBHOOK_ALLOWED_PRIVATE_HOSTS = ["127.0.0.1"]


NEW = {"name": "Greenhouse", "url": "http://127.0.0.1:9/hook", "events": ["jd.approved"]}


def test_a_person_makes_reads_changes_and_deletes_their_subscription(
    client, alice, receivers_allowed
):
    token = make_token(alice, scopes=("read", "write"))[1]
    made = send(client, "post", "/api/v1/webhooks/", token, NEW, status=201)
    subscription = WebhookSubscription.objects.get()
    assert made["secret"] == subscription.secret and made["secret"].startswith("whsec_")
    assert subscription.owner == alice and subscription.events == ["jd.approved"]

    url = f"/api/v1/webhooks/{made['id']}/"
    read = get(client, url, token)
    listed = get(client, "/api/v1/webhooks/", token)
    assert listed == [read]
    assert "secret" not in read and subscription.secret not in json.dumps(listed)

    changed = send(client, "patch", url, token, {"events": ["jd.archived"], "status": "paused"})
    assert changed["events"] == ["jd.archived"] and changed["status"] == "paused"
    subscription.refresh_from_db()
    assert subscription.status == WebhookSubscriptionStatus.PAUSED

    rotated = send(client, "post", f"{url}rotate-secret/", token)
    subscription.refresh_from_db()
    assert rotated["secret"] == subscription.secret != made["secret"]
    assert subscription.previous_secret == made["secret"]

    send(client, "delete", url, token, status=204)
    assert not WebhookSubscription.objects.exists()


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://10.1.2.3/hook", "private"),
        ("http://169.254.169.254/latest/meta-data", "link-local"),
        ("http://[::1]:8000/hook", "loopback"),
        ("http://2130706433/hook", "valid URL"),
        ("ftp://ats.example.com/hook", "http"),
    ],
)
def test_a_url_the_deliveries_may_not_call_is_a_400(client, alice, url, why):
    token = make_token(alice, scopes=("read", "write"))[1]
    problem = send(client, "post", "/api/v1/webhooks/", token, {**NEW, "url": url}, status=400)
    [error] = problem["errors"]
    assert error["pointer"] == "#/url" and why in error["detail"]
    assert not WebhookSubscription.objects.exists()


def test_an_unknown_or_the_test_event_is_refused(client, alice, receivers_allowed):
    token = make_token(alice, scopes=("read", "write"))[1]
    for events in (["jd.exploded"], ["webhook.test"], []):
        problem = send(
            client, "post", "/api/v1/webhooks/", token, {**NEW, "events": events}, status=400
        )
        assert problem["errors"][0]["pointer"].startswith("#/events")


def test_another_persons_subscription_is_404_and_writes_need_the_write_scope(
    client, alice, bob, receivers_allowed
):
    alices = WebhookSubscription.objects.create(
        name="ATS", url="https://ats.example.com/", events=["jd.approved"], owner=alice
    )
    bob_token = make_token(bob, scopes=("read", "write"))[1]
    url = f"/api/v1/webhooks/{alices.pk}/"
    get(client, url, bob_token, status=404)
    send(client, "patch", url, bob_token, {"name": "Mine now"}, status=404)
    send(client, "post", f"{url}rotate-secret/", bob_token, status=404)
    send(client, "delete", url, bob_token, status=404)
    assert get(client, "/api/v1/webhooks/", bob_token) == []
    alices.refresh_from_db()
    assert alices.name == "ATS"

    read_only = make_token(alice)[1]
    problem = send(client, "post", "/api/v1/webhooks/", read_only, NEW, status=403)
    assert problem["type"] == "urn:jdbuilder:problem:missing-scope"


def test_the_schema_describes_each_events_payload(client):
    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    assert schema["openapi"].startswith("3.1")
    assert {"jd.created", "jd.approved", "share_link.revoked", "template.changed"} <= set(
        schema["webhooks"]
    )
    body = schema["webhooks"]["jd.approved"]["post"]["requestBody"]["content"]
    approved = schema["components"]["schemas"][
        body["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    ]
    data = schema["components"]["schemas"][approved["properties"]["data"]["$ref"].rsplit("/", 1)[1]]
    assert {"job_description", "approval", "document", "documents"} <= set(data["properties"])
    approval = schema["components"]["schemas"][
        data["properties"]["approval"]["$ref"].rsplit("/", 1)[1]
    ]
    assert approval["properties"]["pdf"]["format"] == "uri"


def test_the_approved_events_pdf_link_is_the_approved_file_after_the_draft_moves_on(
    client, alice, settings, tmp_path, django_capture_on_commit_callbacks
):
    """A receiver may act on jd.approved long after it happened (a retry hours later, a batch
    job reading the event log), when the draft has been reopened and changed: the event's
    ``approval.pdf`` is still the approved file, whose SHA-256 is the event's, while
    ``documents.pdf`` is the draft as it is now."""
    settings.MEDIA_ROOT = tmp_path
    draft = make_draft(alice)
    with django_capture_on_commit_callbacks(execute=True):
        approve(draft, make_reviewer("rita"))
    approval = draft.approvals.get()
    token = make_token(alice, ("read", "export"))[1]
    [event] = [
        e for e in get(client, "/api/v1/events/", token)["results"] if e["type"] == "jd.approved"
    ]
    approved = event["data"]["approval"]
    assert approved["pdf"] == (
        f"http://testserver/api/v1/drafts/{draft.pk}/approvals/{approval.pk}/pdf"
    )

    review_reopen(job_description=JobDescription.objects.get(pk=draft.pk), user=alice)
    later = client.get(approved["pdf"], **bearer(token))
    assert later.status_code == 200
    assert hashlib.sha256(b"".join(later.streaming_content)).hexdigest() == approved["sha256"]
    now = client.get(event["data"]["documents"]["pdf"], **bearer(token))
    assert now.status_code == 200
    assert hashlib.sha256(now.content).hexdigest() != approved["sha256"]  # "Draft, not approved"

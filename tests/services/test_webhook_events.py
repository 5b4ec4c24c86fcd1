"""Events (#29): the services emit each step of a JD's life once, when its transaction commits
(none when it rolls back); each is kept in the event log and delivered to the subscriptions
whose owner may read it. The "approved" event carries the approved text, the frozen PDF's
SHA-256 and links to every format, and arrives signed at a real receiver on 127.0.0.1."""

import hashlib

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from standardwebhooks import Webhook

from roles.documents.registry import EXPORTERS
from roles.models import (
    SUBSCRIBABLE_EVENT_TYPES,
    JobDescription,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
)
from roles.services.drafts import (
    jobdescription_create_from_template,
    jobdescription_duplicate,
    jobdescription_trash,
)
from roles.services.review import review_archive, review_decide, review_reopen
from roles.services.sharing import sharelink_create, sharelink_revoke
from roles.services.webhooks import webhook_delivery_attempt
from tests.helpers.data import director_template, make_draft, make_user, template_admin_data
from tests.helpers.receiver import Answer
from tests.helpers.review import approve, make_reviewer, submit_for_review

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.WEBHOOK_ALLOWED_PRIVATE_HOSTS = ["127.0.0.1"]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs a service as if its transaction committed, and returns the event types it left."""

    def run(action, *args, **kwargs):
        before = WebhookEvent.objects.count()
        with django_capture_on_commit_callbacks(execute=True):
            action(*args, **kwargs)
        return list(
            WebhookEvent.objects.order_by("pk")[before:].values_list("event_type", flat=True)
        )

    return run


def subscribe(owner, url="https://ats.example.com/hook", events=None) -> WebhookSubscription:
    return WebhookSubscription.objects.create(
        name="ATS",
        url=url,
        events=events or [value for value, _label in SUBSCRIBABLE_EVENT_TYPES],
        owner=owner,
    )


def test_each_step_of_a_jd_emits_its_event_once(alice, committed):
    reviewer = make_reviewer("rita")
    assert committed(make_draft, alice) == ["jd.created"]
    draft = JobDescription.objects.get()
    assert committed(jobdescription_duplicate, job_description=draft, owner=alice) == ["jd.created"]
    assert committed(submit_for_review, draft, reviewer) == ["jd.submitted"]
    draft.refresh_from_db()
    assert committed(
        review_decide,
        job_description=draft,
        user=reviewer,
        approve=False,
        message="Shorter, please",
        seen_version=draft.version,
    ) == ["jd.changes_requested"]
    assert committed(approve, draft, reviewer) == ["jd.submitted", "jd.approved"]
    assert committed(review_reopen, job_description=draft, user=alice) == ["jd.reopened"]
    link, _token = sharelink_create(job_description=draft, user=alice)
    assert committed(sharelink_revoke, share_link=link, user=alice) == ["share_link.revoked"]
    assert committed(sharelink_revoke, share_link=link, user=alice) == []  # already revoked
    assert committed(sharelink_create, job_description=draft, user=alice)[0] == (
        "share_link.created"
    )
    # Archiving revokes the open link: both are told.
    assert committed(review_archive, job_description=draft, user=make_manager()) == [
        "share_link.revoked",
        "jd.archived",
    ]


def make_manager():
    manager = make_user("hana")
    Group.objects.get(name="HR managers").user_set.add(manager)
    return manager


def test_a_rolled_back_change_emits_nothing(alice, django_capture_on_commit_callbacks):
    subscribe(alice)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        jobdescription_create_from_template(template=director_template(), owner=alice)
        raise RuntimeError("the request failed after the write")
    assert callbacks == []
    assert not WebhookEvent.objects.exists()
    assert not WebhookDelivery.objects.exists()


def test_a_refused_approval_emits_nothing(alice, committed):
    draft = make_draft(alice)
    reviewer = make_reviewer("rita")
    submit_for_review(draft, reviewer)
    with pytest.raises(Exception, match="changed after you opened it"):
        committed(
            review_decide,
            job_description=draft,
            user=reviewer,
            approve=True,
            seen_version=draft.version - 1,
        )
    assert not WebhookEvent.objects.filter(event_type="jd.approved").exists()


def test_the_approved_event_carries_the_text_the_pdf_hash_and_the_formats(alice, committed):
    draft = make_draft(alice, requisition_id="REQ-7")
    reviewer = make_reviewer("rita")
    committed(approve, draft, reviewer)
    approval = draft.approvals.get()
    event = WebhookEvent.objects.get(event_type="jd.approved")
    data = event.payload["data"]

    with approval.pdf.open("rb") as pdf:
        assert data["approval"]["sha256"] == hashlib.sha256(pdf.read()).hexdigest()
    assert data["approval"]["version"] == approval.version
    assert data["approval"]["pdf"] == (
        f"http://testserver/api/v1/drafts/{draft.pk}/approvals/{approval.pk}/pdf"
    )
    assert data["job_description"]["review_state"] == "approved"
    assert data["job_description"]["url"] == f"http://testserver/api/v1/drafts/{draft.pk}/"
    document = data["document"]
    assert document["title"] == draft.title and document["requisition_id"] == "REQ-7"
    assert [item["text"] for item in document["responsibilities"]] == list(
        draft.responsibilities.order_by("position", "pk").values_list("text", flat=True)
    )
    assert set(data["documents"]) == set(EXPORTERS)
    assert data["documents"]["pdf"] == (f"http://testserver/api/v1/drafts/{draft.pk}/documents/pdf")
    # No person's name (the approvers are on the PDF, not in the event), no furniture.
    assert "status_note" not in document and "organisation" not in document
    assert reviewer.username not in str(event.payload)


def test_a_share_link_event_never_carries_its_token(alice, committed):
    draft = make_draft(alice)
    tokens = []
    committed(lambda: tokens.append(sharelink_create(job_description=draft, user=alice)[1]))
    event = WebhookEvent.objects.get(event_type="share_link.created")
    assert tokens[0] not in str(event.payload)
    assert tokens[0][:8] not in str(event.payload)


def test_the_template_admin_emits_template_changed(client, committed):
    admin = make_user("root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    template = director_template()
    data = template_admin_data(template, summary="A new summary for every new draft.")
    url = f"/admin/roles/roletemplate/{template.pk}/change/"
    assert committed(client.post, url, data) == ["template.changed"]
    event = WebhookEvent.objects.get()
    assert event.job_description is None
    assert event.payload["data"]["change"] == "changed"
    assert event.payload["data"]["template"]["slug"] == template.slug


def test_a_subscription_hears_only_drafts_its_owner_may_read(alice, bob, committed):
    alices = subscribe(alice)
    bobs = subscribe(bob)
    committed(make_draft, alice)
    assert list(WebhookDelivery.objects.values_list("subscription", flat=True)) == [alices.pk]

    manager = make_manager()
    managers = subscribe(manager)
    committed(make_draft, alice)
    heard = set(WebhookDelivery.objects.values_list("subscription", flat=True))
    assert heard == {alices.pk, managers.pk}
    assert bobs.pk not in heard


def test_a_subscription_of_someone_switched_off_hears_nothing(alice, committed):
    subscribe(alice)
    alice.is_active = False
    alice.save()
    committed(make_draft, alice)
    assert WebhookEvent.objects.count() == 1
    assert not WebhookDelivery.objects.exists()


def test_events_of_a_trashed_draft_are_sent_to_nobody(alice, committed):
    subscribe(alice)
    draft = make_draft(alice)
    sharelink_create(job_description=draft, user=alice)
    committed(jobdescription_trash, job_description=draft, user=alice)
    assert WebhookEvent.objects.filter(event_type="share_link.revoked").exists()
    assert not WebhookDelivery.objects.filter(event_type="share_link.revoked").exists()


def test_the_approved_event_arrives_signed_at_a_real_receiver(alice, make_receiver, committed):
    receiver = make_receiver(Answer(200, b"thanks"))
    subscription = subscribe(alice, receiver.url, events=["jd.approved"])
    draft = make_draft(alice)
    committed(approve, draft, make_reviewer("rita"))
    [delivery] = WebhookDelivery.objects.all()

    assert webhook_delivery_attempt(delivery_id=delivery.pk) == "delivered: 200"

    [request] = receiver.received
    event = Webhook(subscription.secret).verify(request.body, request.headers)
    assert event["type"] == "jd.approved"
    assert event["data"]["approval"]["sha256"] == draft.approvals.get().sha256
    assert event == WebhookEvent.objects.get(event_type="jd.approved").payload

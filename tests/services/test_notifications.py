"""Review e-mail: queued when a step commits, sent by the task to the people the step concerns,
as plain text and HTML with a link, the text escaped in the HTML."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from roles.models import JobDescription
from roles.services.notifications import send_review_email
from roles.services.review import ReviewRefused, review_decide, review_submit, review_withdraw
from tests.helpers.data import make_draft, make_user

pytestmark = pytest.mark.django_db
HOSTILE_TITLE = 'VP <b>Ops</b> & "Co"'


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SITE_URL = "https://jd.example.com"


def send_queued() -> list[str]:
    results = []
    for task in DBTaskResult.objects.filter(task_path=send_review_email.module_path):
        results.append(send_review_email.call(*task.args_kwargs["args"]))
        task.delete()
    return results


def test_each_step_mails_the_people_it_concerns(alice, django_capture_on_commit_callbacks):
    alice.email = "alice@example.com"
    alice.save()
    ceo, cfo = make_user("ceo", email="ceo@example.com"), make_user("cfo", email="")
    Group.objects.get(name="Reviewers").user_set.add(ceo, cfo)
    draft = make_draft(alice, title=HOSTILE_TITLE)
    with django_capture_on_commit_callbacks(execute=True):
        review_submit(
            job_description=draft,
            user=alice,
            reviewers=[ceo, cfo],
            message="Board <meeting> on Friday",
            expected_version=1,
        )
    # The CFO has no address: said, not counted as sent (they see it on their start page); the
    # owner acted.
    assert send_queued() == ["sent 1; not sent: no address (cfo)"]
    (message,) = mail.outbox
    assert message.to == ["ceo@example.com"]
    assert message.subject == f"Please approve: {HOSTILE_TITLE}"
    assert f"alice asked you to approve “{HOSTILE_TITLE}” (version 1)." in message.body
    assert "What the checks found on this version: no open suggestions." in message.body
    assert "Board <meeting> on Friday" in message.body
    assert f"https://jd.example.com/drafts/{draft.pk}/review/" in message.body
    html, kind = message.alternatives[0]
    assert kind == "text/html"
    assert "VP &lt;b&gt;Ops&lt;/b&gt; &amp; &quot;Co&quot;" in html and "<b>Ops</b>" not in html
    assert f'href="https://jd.example.com/drafts/{draft.pk}/review/"' in html

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        review_decide(
            job_description=draft, user=ceo, approve=False, message="Fix KPIs", seen_version=1
        )
    assert send_queued() == ["sent 1"]
    (message,) = mail.outbox
    assert message.to == ["alice@example.com"]
    assert message.subject == f"ceo asked for changes: {HOSTILE_TITLE}"
    assert f"ceo asked for changes to “{HOSTILE_TITLE}” (version 1)." in message.body
    assert "Fix KPIs" in message.body and "It is now" not in message.body


def test_a_refused_step_queues_no_mail(alice, django_capture_on_commit_callbacks):
    draft = make_draft(alice)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ReviewRefused):
        review_submit(job_description=draft, user=alice, reviewers=[], expected_version=1)
    assert not DBTaskResult.objects.filter(task_path=send_review_email.module_path).exists()


def test_review_mail_goes_to_that_rounds_reviewers_and_not_for_a_trashed_jd(
    alice, django_capture_on_commit_callbacks
):
    ceo, cfo = make_user("ceo", email="ceo@example.com"), make_user("cfo", email="cfo@example.com")
    Group.objects.get(name="Reviewers").user_set.add(ceo, cfo)
    draft = make_draft(alice)
    for step in (
        lambda: review_submit(
            job_description=draft, user=alice, reviewers=[ceo], expected_version=1
        ),
        lambda: review_withdraw(job_description=draft, user=alice),
        lambda: review_submit(
            job_description=draft, user=alice, reviewers=[cfo], expected_version=1
        ),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            step()
        assert send_queued() == ["sent 1"]
    # The first submission and its withdrawal went to the CEO, the second submission to the CFO:
    # each step to its own round's reviewers.
    assert [(m.subject.split(":")[0], m.to[0]) for m in mail.outbox] == [
        ("Please approve", "ceo@example.com"),
        ("Withdrawn from approval", "ceo@example.com"),
        ("Please approve", "cfo@example.com"),
    ]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        review_withdraw(job_description=draft, user=alice)
    JobDescription.objects.filter(pk=draft.pk).update(deleted_at=timezone.now())
    assert send_queued() == ["nothing to tell: the step or its JD is gone"]
    assert mail.outbox == []

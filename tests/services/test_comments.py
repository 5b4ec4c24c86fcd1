"""Comments: anchored to an item through reorders and deletion, replies, resolve and reopen,
mentions only of people who may read the JD, e-mail to the people concerned (unless they turned
it off), and the text escaped on the page."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from roles.models import Comment, NotificationSettings
from roles.services.comments import CommentRefused, comment_add, comment_resolve
from roles.services.drafts import ItemValues, jobdescription_save
from roles.services.notifications import send_comment_email
from roles.services.review import review_submit
from tests.helpers.data import make_draft, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(alice):
    alice.email = "alice@example.com"
    alice.save()
    ceo = make_user("ceo", email="ceo@example.com")
    Group.objects.get(name="Reviewers").user_set.add(ceo)
    draft = make_draft(alice)
    review_submit(job_description=draft, user=alice, reviewers=[ceo], expected_version=1)
    return draft, ceo


def send_queued() -> list[str]:
    results = []
    for task in DBTaskResult.objects.filter(task_path=send_comment_email.module_path):
        results.append(send_comment_email.call(*task.args_kwargs["args"]))
        task.delete()
    return results


def kpi_values(draft, order):
    kpis = {kpi.pk: kpi for kpi in draft.kpis.all()}
    return [
        ItemValues(
            pk,
            {
                "name": kpis[pk].name,
                "measure": kpis[pk].measure,
                "target": kpis[pk].target,
                "cadence": kpis[pk].cadence,
            },
        )
        for pk in order
    ]


def test_a_comment_on_a_kpi_follows_it_through_a_reorder_and_outlives_it(alice):
    draft = make_draft(alice)
    first, second, *rest = list(draft.kpis.all())
    comment = comment_add(
        job_description=draft, user=alice, body="Target too soft?", anchor=f"kpi:{second.pk}"
    )
    assert comment.kpi == second and comment.item_snapshot == second.name
    owner = Client()
    owner.force_login(alice)
    editor = owner.get(reverse("roles:edit", args=[draft.pk])).content.decode()
    row = editor.split('id="row-kpis-1"')[1].split("</li>")[0]  # the second KPI's row
    assert (
        "1 open comment on this" in row and "open comment" not in editor.split('id="row-kpis-1"')[0]
    )
    # Reordered: it still points at the same KPI.
    order = [second.pk, first.pk, *(kpi.pk for kpi in rest)]
    jobdescription_save(
        job_description=draft,
        fields={},
        items={"kpis": kpi_values(draft, order)},
        expected_version=1,
    )
    comment.refresh_from_db()
    assert comment.kpi_id == second.pk
    # Deleted: the comment stays, with the KPI's text as it was.
    jobdescription_save(
        job_description=draft,
        fields={},
        items={"kpis": kpi_values(draft, [first.pk, *(kpi.pk for kpi in rest)])},
        expected_version=2,
    )
    comment.refresh_from_db()
    assert comment.kpi is None and comment.item_snapshot == second.name
    page = Client()
    page.force_login(alice)
    html = page.get(reverse("roles:review", args=[draft.pk])).content.decode()
    assert f"On A deleted item: {second.name}" in html


def test_replies_resolve_and_reopen(alice):
    draft = make_draft(alice)
    thread = comment_add(
        job_description=draft, user=alice, body="Check the scope", anchor="section:scope"
    )
    reply = comment_add(job_description=draft, user=alice, body="Done", parent=thread)
    assert reply.parent == thread and reply.section == "scope"
    comment_resolve(comment=reply, user=alice)
    thread.refresh_from_db()
    assert thread.resolved_at is not None and thread.resolved_by == alice
    comment_add(job_description=draft, user=alice, body="Not quite", parent=reply)
    thread.refresh_from_db()
    assert thread.resolved_at is None  # a reply reopens the thread
    assert Comment.objects.filter(parent=thread).count() == 2  # replies hang off the thread


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("  ", "Write the comment first."),
        # The same words whether the person exists or not: no probing who has an account.
        ("Ask @nobody", "@nobody cannot be mentioned here: nobody of that name may read"),
        ("Ask @bob about it", "@bob cannot be mentioned here: nobody of that name may read"),
        ("x" * 4001, "at most 4000 characters"),
    ],
)
def test_refused_comments_save_nothing(reviewed, bob, body, message):
    draft, _ = reviewed
    with pytest.raises(CommentRefused, match=message):
        comment_add(job_description=draft, user=draft.owner, body=body)
    assert not Comment.objects.exists()


def test_comment_email_goes_to_the_people_concerned_and_mentions_say_so(
    reviewed, django_capture_on_commit_callbacks
):
    draft, ceo = reviewed
    manager = make_user("manager", email="manager@example.com")
    Group.objects.get(name="HR managers").user_set.add(manager)
    with django_capture_on_commit_callbacks(execute=True):
        comment_add(job_description=draft, user=ceo, body="@manager, is the pay band <approved>?")
    assert send_queued() == ["sent 2"]
    by_person = {message.to[0]: message for message in mail.outbox}
    assert set(by_person) == {"alice@example.com", "manager@example.com"}  # not the author
    assert by_person["manager@example.com"].subject == "ceo mentioned you: VP of Operations"
    assert by_person["alice@example.com"].subject == "New comment: VP of Operations"
    html = by_person["alice@example.com"].alternatives[0][0]
    assert "is the pay band &lt;approved&gt;?" in html

    # The owner turns comment e-mail off.
    NotificationSettings.objects.create(user=draft.owner, comment_emails=False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        comment_add(job_description=draft, user=ceo, body="One more thing")
    assert send_queued() == ["nobody to tell"]
    assert mail.outbox == []
    # Someone with no address is named, not counted as told.
    manager.email = ""
    manager.save()
    with django_capture_on_commit_callbacks(execute=True):
        comment_add(job_description=draft, user=ceo, body="@manager, and this?")
    assert send_queued() == ["not sent: no address (manager)"]


def test_the_pages_add_refuse_and_escape_comments(reviewed, bob):
    draft, ceo = reviewed
    client = Client()
    client.force_login(ceo)
    url = reverse("roles:add_comment", args=[draft.pk])
    response = client.post(url, {"body": "<script>alert(1)</script> @bob", "anchor": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "@bob cannot be mentioned here" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; @bob</textarea>" in page  # kept, escaped
    response = client.post(url, {"body": "<b>Tighten</b> this", "anchor": "section:scope"})
    comment = Comment.objects.get()
    assert response.url.endswith(f"#comment-{comment.pk}")
    page = client.get(reverse("roles:review", args=[draft.pk])).content.decode()
    assert "&lt;b&gt;Tighten&lt;/b&gt; this" in page and "<b>Tighten</b>" not in page
    assert '<span class="badge text-bg-secondary" id="open-comments">1 open</span>' in page
    # Someone who may not read the JD cannot comment on it, nor resolve its comments.
    other = Client()
    other.force_login(bob)
    assert other.post(url, {"body": "Hi"}).status_code == 404
    resolve = reverse("roles:resolve_comment", args=[draft.pk, comment.pk])
    assert other.post(resolve).status_code == 404

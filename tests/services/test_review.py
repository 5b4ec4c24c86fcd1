"""Review and approval services: every transition of the table, every refused one (wrong person,
wrong state, stale version, self-approval), the frozen approved PDF, and the audit trail."""

import hashlib
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db.models import ProtectedError
from django.utils import timezone

from roles.documents import DocumentRenderError
from roles.models import (
    Approval,
    AuditEntry,
    JobDescription,
    OrganisationProfile,
    ReviewAction,
    ReviewDecision,
    ReviewState,
    RoleTemplate,
)
from roles.services.drafts import NotEditable, jobdescription_purge_trash, jobdescription_save
from roles.services.review import (
    ReviewRefused,
    StaleVersion,
    review_archive,
    review_decide,
    review_hand_over,
    review_reopen,
    review_submit,
    review_withdraw,
)
from tests.helpers.data import make_draft, make_user
from tests.helpers.pdfs import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(alice):
    reviewers = Group.objects.get(name="Reviewers")
    ceo, cfo = make_user("ceo"), make_user("cfo")
    reviewers.user_set.add(ceo, cfo)
    manager = make_user("manager")
    Group.objects.get(name="HR managers").user_set.add(manager)
    staff = make_user("sam")
    Group.objects.get(name="HR staff").user_set.add(staff)
    return {"owner": alice, "ceo": ceo, "cfo": cfo, "manager": manager, "staff": staff}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def fresh(draft) -> JobDescription:
    return JobDescription.objects.get(pk=draft.pk)


def trail(draft) -> list[tuple]:
    return list(
        AuditEntry.objects.filter(job_description_number=draft.pk)
        .order_by("pk")
        .values_list("actor_name", "action", "from_state", "to_state")
    )


def submit(draft, people, *names, require_all=False):
    return review_submit(
        job_description=fresh(draft),
        user=people["owner"],
        reviewers=[people[name] for name in names],
        require_all=require_all,
        message="Please review",
        expected_version=fresh(draft).version,
    )


def test_submit_then_request_changes_then_resubmit_then_approve(people, media):
    draft = make_draft(people["owner"])
    submit(draft, people, "ceo")
    assert fresh(draft).review_state == ReviewState.IN_REVIEW
    with pytest.raises(ReviewRefused, match="Say what should change"):
        review_decide(job_description=draft, user=people["ceo"], approve=False, seen_version=1)
    state = review_decide(
        job_description=draft,
        user=people["ceo"],
        approve=False,
        message="Tighten the KPIs",
        seen_version=fresh(draft).version,
    )
    assert state == fresh(draft).review_state == ReviewState.CHANGES_REQUESTED
    # The owner edits (allowed again) and resubmits; the CEO approves.
    jobdescription_save(
        job_description=fresh(draft),
        fields={"title": "VP of Operations, Americas"},
        items={},
        expected_version=fresh(draft).version,
        user=people["owner"],
    )
    submit(draft, people, "ceo")
    review_decide(
        job_description=draft,
        user=people["ceo"],
        approve=True,
        message="Good",
        seen_version=fresh(draft).version,
    )
    assert fresh(draft).review_state == ReviewState.APPROVED
    assert trail(draft) == [
        ("alice", "submit", "draft", "in_review"),
        ("ceo", "request_changes", "in_review", "changes_requested"),
        ("alice", "submit", "changes_requested", "in_review"),
        ("ceo", "approve", "in_review", "approved"),
    ]


def test_approval_freezes_the_version_and_its_pdf_whatever_changes_later(people, media):
    draft = make_draft(people["owner"], company="Northwind")
    submit(draft, people, "ceo")
    version = fresh(draft).version
    review_decide(job_description=draft, user=people["ceo"], approve=True, seen_version=version)
    approval = Approval.objects.get(job_description=draft)
    stored = approval.pdf.read()
    assert hashlib.sha256(stored).hexdigest() == approval.sha256
    assert approval.version == version and approval.approved_by == "ceo"
    assert approval.revision.version_set.filter(object_id=str(draft.pk)).exists()
    assert "VP of Operations" in pdf_text(stored)

    # The draft, its template and the organisation all change afterwards.
    jobdescription_save(
        job_description=fresh(draft),
        fields={"title": "Chief Operating Officer"},
        items={},
        expected_version=version,
        user=people["owner"],
    )
    RoleTemplate.objects.filter(slug="vp-of-operations").update(title="Changed template")
    profile = OrganisationProfile.load()
    profile.name, profile.accent_colour = "Renamed Inc", "#990000"
    profile.save()
    # Editing the approved JD started a new round: a draft again, the approval kept.
    assert fresh(draft).review_state == ReviewState.DRAFT
    assert trail(draft)[-1] == ("alice", "edit_approved", "approved", "draft")
    approval.refresh_from_db()
    again = approval.pdf.open("rb").read()
    assert hashlib.sha256(again).hexdigest() == approval.sha256
    assert "Chief Operating Officer" not in pdf_text(again)


def test_a_failed_render_refuses_the_approval_and_changes_nothing(people, media, monkeypatch):
    draft = make_draft(people["owner"])
    submit(draft, people, "ceo")

    def cannot(document):
        raise DocumentRenderError("The document could not be rendered.")

    monkeypatch.setattr("roles.documents.pdf.render_pdf", cannot)
    with pytest.raises(ReviewRefused, match="approved PDF could not be made, so nothing changed"):
        review_decide(job_description=draft, user=people["ceo"], approve=True, seen_version=1)
    assert fresh(draft).review_state == ReviewState.IN_REVIEW
    assert not Approval.objects.exists()
    assert draft.review_rounds.get().requests.get().decision == ReviewDecision.PENDING
    assert not (media / "approvals").exists() or not any((media / "approvals").iterdir())
    assert [entry[1] for entry in trail(draft)] == ["submit"]


def test_when_all_must_approve_one_approval_waits_and_one_request_ends_the_round(people, media):
    draft = make_draft(people["owner"])
    submit(draft, people, "ceo", "cfo", require_all=True)
    state = review_decide(job_description=draft, user=people["ceo"], approve=True, seen_version=1)
    assert state == ReviewState.IN_REVIEW and not Approval.objects.exists()
    state = review_decide(job_description=draft, user=people["cfo"], approve=True, seen_version=1)
    assert state == ReviewState.APPROVED
    assert Approval.objects.get().approved_by == "ceo, cfo"

    other = make_draft(people["owner"])
    submit(other, people, "ceo", "cfo", require_all=True)
    review_decide(
        job_description=other,
        user=people["ceo"],
        approve=False,
        message="No",
        seen_version=1,
    )
    assert fresh(other).review_state == ReviewState.CHANGES_REQUESTED
    decisions = dict(
        other.review_rounds.get().requests.values_list("reviewer__username", "decision")
    )
    assert decisions == {"ceo": "changes_requested", "cfo": "cancelled"}
    with pytest.raises(ReviewRefused, match="changes requested: it cannot be approved now"):
        review_decide(job_description=other, user=people["cfo"], approve=True, seen_version=1)


def test_one_approval_is_enough_unless_all_are_asked(people, media):
    draft = make_draft(people["owner"])
    submit(draft, people, "ceo", "cfo")
    review_decide(job_description=draft, user=people["cfo"], approve=True, seen_version=1)
    assert fresh(draft).review_state == ReviewState.APPROVED
    decisions = dict(
        draft.review_rounds.get().requests.values_list("reviewer__username", "decision")
    )
    assert decisions == {"ceo": "cancelled", "cfo": "approved"}


@pytest.mark.parametrize(
    ("who", "reviewers", "message"),
    [
        ("staff", ["ceo"], "You may not do this"),  # not the owner
        ("owner", [], "Choose at least one reviewer"),
        ("owner", ["owner"], "cannot review your own"),
        ("owner", ["staff"], "sam may not review"),
    ],
)
def test_a_submission_is_refused_for_the_wrong_person_or_reviewers(people, who, reviewers, message):
    draft = make_draft(people["owner"])
    with pytest.raises(ReviewRefused, match=message):
        review_submit(
            job_description=draft,
            user=people[who],
            reviewers=[people[name] for name in reviewers],
            expected_version=1,
        )
    assert fresh(draft).review_state == ReviewState.DRAFT and not trail(draft)


def test_refused_decisions(people, media):
    draft = make_draft(people["owner"])
    with pytest.raises(ReviewRefused, match="is draft: it cannot be approved now"):
        review_decide(job_description=draft, user=people["ceo"], approve=True, seen_version=1)
    with pytest.raises(StaleVersion):
        review_submit(
            job_description=draft, user=people["owner"], reviewers=[people["ceo"]],
            expected_version=0,
        )  # fmt: skip
    submit(draft, people, "ceo")
    with pytest.raises(ReviewRefused, match="cannot review your own"):
        review_decide(job_description=draft, user=people["owner"], approve=True, seen_version=1)
    with pytest.raises(ReviewRefused, match="not waiting to review"):
        review_decide(job_description=draft, user=people["cfo"], approve=True, seen_version=1)
    with pytest.raises(StaleVersion):
        review_decide(job_description=draft, user=people["ceo"], approve=True, seen_version=0)
    with pytest.raises(ReviewRefused, match="is in review: it cannot be sent for approval"):
        submit(draft, people, "cfo")
    # In review the text is read-only, whatever the editor sends.
    with pytest.raises(NotEditable, match="Withdraw it from review to edit it"):
        jobdescription_save(
            job_description=fresh(draft), fields={"title": "X"}, items={}, expected_version=1
        )
    assert fresh(draft).title == "VP of Operations" and fresh(draft).version == 1
    assert [entry[1] for entry in trail(draft)] == ["submit"]


def test_withdraw_cancels_the_pending_decisions_and_allows_edits(people):
    draft = make_draft(people["owner"])
    submit(draft, people, "ceo", "cfo")
    with pytest.raises(ReviewRefused, match="You may not"):
        review_withdraw(job_description=draft, user=people["ceo"])
    review_withdraw(job_description=draft, user=people["owner"], message="One more change")
    assert fresh(draft).review_state == ReviewState.DRAFT
    review_round = draft.review_rounds.get()
    assert review_round.outcome == "withdrawn"
    assert set(review_round.requests.values_list("decision", flat=True)) == {"cancelled"}
    with pytest.raises(ReviewRefused, match="is draft: it cannot be approved now"):
        review_decide(job_description=draft, user=people["ceo"], approve=True, seen_version=1)


def test_reopen_archive_and_hand_over(people, media):
    draft = make_draft(people["owner"])
    submit(draft, people, "ceo")
    review_decide(job_description=draft, user=people["ceo"], approve=True, seen_version=1)
    with pytest.raises(ReviewRefused, match="You may not"):
        review_reopen(job_description=draft, user=people["staff"])
    review_reopen(job_description=draft, user=people["manager"], message="New pay band")
    assert fresh(draft).review_state == ReviewState.DRAFT
    review_archive(job_description=draft, user=people["owner"])
    assert fresh(draft).review_state == ReviewState.ARCHIVED
    with pytest.raises(NotEditable, match="is archived"):
        jobdescription_save(
            job_description=fresh(draft), fields={"title": "X"}, items={}, expected_version=1
        )
    with pytest.raises(ReviewRefused, match="You may not"):
        review_hand_over(job_description=draft, user=people["owner"], new_owner=people["staff"])
    review_hand_over(
        job_description=draft, user=people["manager"], new_owner=people["staff"], message="Left"
    )
    assert fresh(draft).owner == people["staff"]
    entry = AuditEntry.objects.filter(action=ReviewAction.HAND_OVER).get()
    assert entry.message == "From alice to sam. Left" and entry.actor_name == "manager"
    assert entry.from_state == entry.to_state == ReviewState.ARCHIVED


def test_approvals_and_the_trail_outlive_the_trash_and_people(people, media):
    approved, plain = make_draft(people["owner"]), make_draft(people["owner"])
    submit(approved, people, "ceo")
    review_decide(job_description=approved, user=people["ceo"], approve=True, seen_version=1)
    submit(plain, people, "ceo")
    review_withdraw(job_description=plain, user=people["owner"])
    long_ago = timezone.now() - timedelta(days=365)
    JobDescription.objects.filter(pk__in=[approved.pk, plain.pk]).update(deleted_at=long_ago)
    jobdescription_purge_trash()
    # The approved JD is never purged; the other is, and its audit entries stay, named.
    assert JobDescription.objects.filter(pk=approved.pk).exists()
    assert not JobDescription.objects.filter(pk=plain.pk).exists()
    assert [entry[1] for entry in trail(plain)] == ["submit", "withdraw"]
    assert AuditEntry.objects.filter(job_description_number=plain.pk).first().job_description_title
    # The reviewer leaves: their approval and entries stay, with their name.
    people["ceo"].delete()
    assert Approval.objects.get().approved_by == "ceo"
    assert ("ceo", "approve", "in_review", "approved") in trail(approved)
    # The owner of an approved JD cannot be deleted with it: hand it over first.
    with pytest.raises(ProtectedError):
        people["owner"].delete()


def _in_state(people, state: str):
    """A JD of the owner's in ``state``, reached by the services (so its round is consistent)."""
    draft = make_draft(people["owner"])
    if state == ReviewState.DRAFT:
        return draft
    submit(draft, people, "ceo")
    if state == ReviewState.CHANGES_REQUESTED:
        review_decide(
            job_description=draft, user=people["ceo"], approve=False, message="x", seen_version=1
        )
    elif state == ReviewState.APPROVED:
        review_decide(job_description=draft, user=people["ceo"], approve=True, seen_version=1)
    elif state == ReviewState.ARCHIVED:
        review_archive(job_description=draft, user=people["owner"])
    assert fresh(draft).review_state == state
    return draft


ACTIONS = {
    ReviewAction.SUBMIT: lambda draft, people: submit(draft, people, "cfo"),
    ReviewAction.WITHDRAW: lambda draft, people: review_withdraw(
        job_description=draft, user=people["owner"]
    ),
    ReviewAction.APPROVE: lambda draft, people: review_decide(
        job_description=draft, user=people["cfo"], approve=True, seen_version=1
    ),
    ReviewAction.REQUEST_CHANGES: lambda draft, people: review_decide(
        job_description=draft, user=people["cfo"], approve=False, message="x", seen_version=1
    ),
    ReviewAction.REOPEN: lambda draft, people: review_reopen(
        job_description=draft, user=people["owner"]
    ),
    ReviewAction.ARCHIVE: lambda draft, people: review_archive(
        job_description=draft, user=people["owner"]
    ),
}


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("state", list(ReviewState))
def test_every_action_from_every_state_follows_the_table(people, media, action, state):
    """The table allows exactly what it lists: from a state outside an action's sources the
    action is refused and nothing changes."""
    from roles.models import TRANSITIONS

    draft = _in_state(people, state)
    entries = len(trail(draft))
    if state in TRANSITIONS[action].sources:
        if action in (ReviewAction.APPROVE, ReviewAction.REQUEST_CHANGES):
            return  # the cfo was not asked: covered by test_refused_decisions
        ACTIONS[action](draft, people)
        assert fresh(draft).review_state == TRANSITIONS[action].target
        assert len(trail(draft)) == entries + 1
    else:
        with pytest.raises(ReviewRefused, match=r"cannot be .* now"):
            ACTIONS[action](draft, people)
        assert fresh(draft).review_state == state
        assert len(trail(draft)) == entries


def test_a_reviewer_reads_only_while_asked_and_allowed(people, media):
    from django.test import Client
    from django.urls import reverse

    draft = make_draft(people["owner"])
    submit(draft, people, "ceo", "cfo")
    ceo = Client()
    ceo.force_login(people["ceo"])
    preview = reverse("roles:preview", args=[draft.pk])
    assert ceo.get(preview).status_code == 200
    assert JobDescription.objects.readable_by(people["ceo"]).filter(pk=draft.pk).exists()
    # The round is withdrawn: the request is cancelled, and with it the access.
    review_withdraw(job_description=draft, user=people["owner"])
    assert ceo.get(preview).status_code == 404
    assert not JobDescription.objects.readable_by(people["ceo"]).filter(pk=draft.pk).exists()
    # Asked again, then taken out of the Reviewers group: no reading, no deciding.
    submit(draft, people, "ceo")
    Group.objects.get(name="Reviewers").user_set.remove(people["ceo"])
    ceo_again = Client()
    ceo_again.force_login(people["ceo"])  # permissions are cached per request's user object
    assert ceo_again.get(preview).status_code == 404
    with pytest.raises(ReviewRefused, match="no longer review"):
        review_decide(
            job_description=draft, user=fresh_user(people["ceo"]), approve=True, seen_version=1
        )


def fresh_user(user):
    return type(user).objects.get(pk=user.pk)


def test_a_copy_is_a_new_draft_and_a_jd_in_review_is_not_trashed(people, media):
    from roles.services.drafts import jobdescription_duplicate, jobdescription_trash

    draft = make_draft(people["owner"])
    submit(draft, people, "ceo")
    with pytest.raises(NotEditable, match="Withdraw it from review"):
        jobdescription_trash(job_description=fresh(draft), user=people["owner"])
    assert fresh(draft).deleted_at is None
    review_decide(job_description=draft, user=people["ceo"], approve=True, seen_version=1)
    copy = jobdescription_duplicate(job_description=fresh(draft), owner=people["owner"])
    assert copy.review_state == ReviewState.DRAFT and not copy.approvals.exists()


def test_a_jd_cannot_be_handed_to_one_of_its_pending_reviewers(people):
    draft = make_draft(people["owner"])
    submit(draft, people, "ceo", "cfo", require_all=True)
    with pytest.raises(ReviewRefused, match="ceo is reviewing it"):
        review_hand_over(job_description=draft, user=people["manager"], new_owner=people["ceo"])
    assert fresh(draft).owner == people["owner"]


@pytest.mark.parametrize("group", ["HR staff", "HR managers", "HR admins"])
def test_a_jd_is_handed_over_to_anyone_in_an_hr_group(people, group):
    draft = make_draft(people["owner"])
    new_owner = make_user("hannah")
    Group.objects.get(name=group).user_set.add(new_owner)
    review_hand_over(job_description=draft, user=people["manager"], new_owner=new_owner)
    assert fresh(draft).owner == new_owner


@pytest.mark.parametrize("who", ["reviewer only", "no group", "inactive HR staff"])
def test_a_jd_is_never_handed_to_someone_outside_hr(people, who):
    draft = make_draft(people["owner"])
    if who == "reviewer only":
        new_owner, message = people["cfo"], "cfo is not in HR: only HR staff, HR managers"
    elif who == "no group":
        new_owner, message = make_user("guest"), "guest is not in HR: only HR staff, HR managers"
    else:
        new_owner = make_user("gone", is_active=False)
        Group.objects.get(name="HR staff").user_set.add(new_owner)
        message = "gone cannot sign in."
    with pytest.raises(ReviewRefused, match=message):
        review_hand_over(job_description=draft, user=people["manager"], new_owner=new_owner)
    assert fresh(draft).owner == people["owner"]
    assert not AuditEntry.objects.filter(action=ReviewAction.HAND_OVER).exists()


@pytest.mark.parametrize("action", ["review_archive", "review_reopen", "review_hand_over"])
def test_a_reviewer_cannot_move_what_only_the_owner_or_a_manager_may(people, media, action):
    from django.test import Client
    from django.urls import reverse

    draft = make_draft(people["owner"])
    submit(draft, people, "ceo")
    review_decide(job_description=draft, user=people["ceo"], approve=True, seen_version=1)
    ceo = Client()
    ceo.force_login(people["ceo"])
    data = {"new_owner": people["staff"].pk, "confirm": "1"} if action == "review_hand_over" else {}
    url = reverse(f"roles:{action}", args=[draft.pk])
    response = ceo.post(url, data)
    assert response.status_code == 404  # their round has ended: the JD is no longer theirs to read
    after = fresh(draft)
    assert (after.review_state, after.owner) == (ReviewState.APPROVED, people["owner"])
    if action == "review_reopen":
        return  # only an approved JD is reopened, and no reviewer reaches one
    # Asked again, in an open round: they reach it, and the table refuses them.
    review_reopen(job_description=fresh(draft), user=people["owner"])
    submit(draft, people, "ceo")
    response = ceo.post(url, data)
    assert response.status_code == 400
    assert "You may not do this to this job description." in response.content.decode()
    after = fresh(draft)
    assert (after.review_state, after.owner) == (ReviewState.IN_REVIEW, people["owner"])

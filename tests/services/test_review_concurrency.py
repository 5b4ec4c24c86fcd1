"""Review decisions racing in real threads on PostgreSQL: the stored state is always one of the
allowed outcomes."""

import threading

import pytest
from django.contrib.auth.models import Group
from django.db import connection

from roles.models import Approval, JobDescription, ReviewDecision, ReviewState
from roles.services.review import ReviewRefused, review_decide, review_submit, review_withdraw
from tests.helpers.data import make_draft, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def postgresql_only(settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("Row locks between real threads need PostgreSQL; CI runs this on it.")
    settings.MEDIA_ROOT = tmp_path


def race(*actions) -> list[str]:
    """Run each action in a thread of its own, all released at once; what each ended with."""
    start = threading.Barrier(len(actions))
    outcomes = [""] * len(actions)

    def run(number, action):
        try:
            start.wait(10)
            outcomes[number] = str(action())
        except ReviewRefused as error:
            outcomes[number] = f"refused: {error}"
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return outcomes


@pytest.fixture
def submitted(alice):
    ceo, cfo = make_user("ceo"), make_user("cfo")
    Group.objects.get(name="Reviewers").user_set.add(ceo, cfo)

    def submit(require_all: bool):
        draft = make_draft(alice)
        review_submit(
            job_description=draft,
            user=alice,
            reviewers=[ceo, cfo],
            require_all=require_all,
            expected_version=1,
        )
        return draft

    return submit, ceo, cfo


def decide(draft, user):
    return lambda: review_decide(
        job_description=JobDescription.objects.get(pk=draft.pk),
        user=user,
        approve=True,
        seen_version=1,
    )


@pytest.mark.parametrize("require_all", [False, True], ids=["one-suffices", "all-must"])
def test_two_reviewers_approving_at_once_approve_it_once(submitted, require_all):
    submit, ceo, cfo = submitted
    draft = submit(require_all)
    outcomes = race(decide(draft, ceo), decide(draft, cfo))
    assert JobDescription.objects.get(pk=draft.pk).review_state == ReviewState.APPROVED
    assert Approval.objects.filter(job_description=draft).count() == 1
    decisions = sorted(draft.review_rounds.get().requests.values_list("decision", flat=True))
    if require_all:
        assert outcomes.count("approved") == 1 and outcomes.count("in_review") == 1
        assert decisions == [ReviewDecision.APPROVED, ReviewDecision.APPROVED]
    else:  # the second found the round closed
        assert outcomes.count("approved") == 1
        assert any(outcome.startswith("refused: ") for outcome in outcomes), outcomes
        assert decisions == [ReviewDecision.APPROVED, ReviewDecision.CANCELLED]


def test_a_withdrawal_racing_an_approval_ends_in_one_of_them(submitted, alice):
    submit, ceo, _ = submitted
    for _ in range(3):
        draft = submit(False)
        withdraw = lambda draft=draft: review_withdraw(  # noqa: E731
            job_description=JobDescription.objects.get(pk=draft.pk), user=alice
        )
        outcomes = race(decide(draft, ceo), withdraw)
        state = JobDescription.objects.get(pk=draft.pk).review_state
        approvals = Approval.objects.filter(job_description=draft).count()
        review_round = draft.review_rounds.get()
        if state == ReviewState.APPROVED:
            assert approvals == 1 and review_round.outcome == "approved"
            assert outcomes[1].startswith("refused: ")
        else:
            assert state == ReviewState.DRAFT and approvals == 0
            assert review_round.outcome == "withdrawn" and outcomes[0].startswith("refused: ")

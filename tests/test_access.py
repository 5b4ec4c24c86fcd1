"""roles/access.py and ``JobDescription.objects.readable_by``: one rule, asked one draft at a time
(every view) or for many at once (bulk export, mentions, notifications); they must agree."""

import pytest
from django.contrib.auth.models import Group
from django.http import Http404
from django.test import RequestFactory

from roles.access import get_job_description_for_user, is_reviewer
from roles.models import JobDescription
from roles.services.drafts import jobdescription_trash
from roles.services.review import review_withdraw
from tests.helpers.data import make_draft, make_user
from tests.helpers.review import approve, make_reviewer, submit_for_review

pytestmark = pytest.mark.django_db


def may_read(user, draft: JobDescription) -> bool:
    """What every read-only view (preview, exports, the review page) decides."""
    request = RequestFactory().get("/")
    request.user = user
    try:
        get_job_description_for_user(request, draft.pk, read_only=True)
    except Http404:
        return False
    return True


@pytest.fixture
def world(alice, settings, tmp_path):
    """Alice's drafts in each state, and people in every relation to them."""
    settings.MEDIA_ROOT = tmp_path
    people = {
        "owner": alice,
        "other HR user": make_user("sam"),
        "HR manager": make_user("manager"),
        "reviewer, round open": make_reviewer("ceo"),
        "reviewer, round ended": make_reviewer("cfo"),
        "reviewer, request cancelled": make_reviewer("coo"),
        "reviewer without the permission": make_reviewer("vp"),
    }
    Group.objects.get(name="HR staff").user_set.add(people["other HR user"])
    Group.objects.get(name="HR managers").user_set.add(people["HR manager"])
    drafts = {
        "never reviewed": make_draft(alice),
        "in review": make_draft(alice),
        "approved": make_draft(alice),
        "withdrawn": make_draft(alice),
        "in the trash": make_draft(alice),
    }
    submit_for_review(
        drafts["in review"],
        people["reviewer, round open"],
        people["reviewer without the permission"],
    )
    Group.objects.get(name="Reviewers").user_set.remove(people["reviewer without the permission"])
    approve(drafts["approved"], people["reviewer, round ended"])
    submit_for_review(drafts["withdrawn"], people["reviewer, request cancelled"])
    review_withdraw(job_description=drafts["withdrawn"], user=alice)
    submit_for_review(drafts["in the trash"], people["reviewer, round ended"])
    review_withdraw(job_description=drafts["in the trash"], user=alice)
    jobdescription_trash(job_description=drafts["in the trash"])
    # Fresh users: permissions are cached on the instance.
    people = {role: type(user).objects.get(pk=user.pk) for role, user in people.items()}
    return people, drafts


def test_the_one_draft_rule_and_the_many_drafts_rule_agree(world):
    people, drafts = world
    for role, user in people.items():
        readable = set(JobDescription.objects.readable_by(user).values_list("pk", flat=True))
        for state, draft in drafts.items():
            one = may_read(user, draft)
            assert one == (draft.pk in readable), (role, state)
            if draft.owner_id != user.pk and not user.has_perm("roles.read_all_jobdescriptions"):
                assert one == is_reviewer(user, draft.pk), (role, state)


@pytest.mark.parametrize(
    ("role", "may_read_states"),
    [
        ("owner", {"never reviewed", "in review", "approved", "withdrawn"}),
        ("other HR user", set()),
        ("HR manager", {"never reviewed", "in review", "approved", "withdrawn"}),
        ("reviewer, round open", {"in review"}),
        ("reviewer, round ended", set()),
        ("reviewer, request cancelled", set()),
        ("reviewer without the permission", set()),
    ],
)
def test_a_reviewer_reads_a_draft_only_while_their_round_is_open(world, role, may_read_states):
    people, drafts = world
    user = people[role]
    assert {state for state, draft in drafts.items() if may_read(user, draft)} == may_read_states
    readable = JobDescription.objects.readable_by(user)
    assert {state for state, draft in drafts.items() if draft in readable} == may_read_states

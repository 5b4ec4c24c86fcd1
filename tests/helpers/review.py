"""Review rounds for tests: reviewers, a draft sent for review, an approval with its stored PDF."""

from django.contrib.auth.models import Group

from roles.models import Approval, JobDescription, ReviewRound
from roles.services.review import review_decide, review_submit
from tests.helpers.data import make_user


def make_reviewer(username: str):
    """A user in the "Reviewers" group (who may be asked to review)."""
    user = make_user(username)
    Group.objects.get(name="Reviewers").user_set.add(user)
    return user


def submit_for_review(draft: JobDescription, *reviewers, require_all: bool = False) -> ReviewRound:
    """Send ``draft`` as it is now for review by ``reviewers``, as its owner."""
    draft = JobDescription.objects.get(pk=draft.pk)
    return review_submit(
        job_description=draft,
        user=draft.owner,
        reviewers=list(reviewers),
        require_all=require_all,
        message="Please review",
        expected_version=draft.version,
    )


def approve(draft: JobDescription, reviewer) -> Approval:
    """Send ``draft`` for review by ``reviewer``, who approves it: the round ends and the PDF is
    stored (set ``MEDIA_ROOT`` to a temporary folder first)."""
    submit_for_review(draft, reviewer)
    draft = JobDescription.objects.get(pk=draft.pk)
    review_decide(job_description=draft, user=reviewer, approve=True, seen_version=draft.version)
    return draft.approvals.get()

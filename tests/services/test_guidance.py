""" "Keep as written": a draft keeps at most ``FINDING_DISMISSALS_MAX`` findings as written."""

import pytest

from roles.models import FindingDismissal, JobDescription
from roles.models.guidance import FINDING_DISMISSALS_MAX
from roles.services.guidance import DismissalRefused, finding_dismiss

pytestmark = pytest.mark.django_db


def fill(draft, user) -> None:
    FindingDismissal.objects.bulk_create(
        FindingDismissal(
            job_description=draft, finding_key=f"key-{i}", text_digest="0" * 64, dismissed_by=user
        )
        for i in range(FINDING_DISMISSALS_MAX)
    )


def test_dismissals_per_draft_are_capped(alice, draft):
    assert FINDING_DISMISSALS_MAX == 200
    fill(draft, alice)
    before = JobDescription.objects.get(pk=draft.pk).open_findings
    with pytest.raises(DismissalRefused, match="at most 200 findings kept as written"):
        finding_dismiss(job_description=draft, key="one-more", text_digest="1" * 64, user=alice)
    assert draft.dismissals.count() == FINDING_DISMISSALS_MAX
    assert not draft.dismissals.filter(finding_key="one-more").exists()
    assert JobDescription.objects.get(pk=draft.pk).open_findings == before
    # One already kept may still be kept again for its new text: no new row.
    finding_dismiss(job_description=draft, key="key-0", text_digest="2" * 64, user=alice)
    assert draft.dismissals.get(finding_key="key-0").text_digest == "2" * 64

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


def test_stored_counts_are_recounted_when_the_pay_rules_change(alice):
    from roles.models import PayTransparencyRule
    from roles.services.guidance import (
        jobdescription_store_open_findings,
        jobdescriptions_recount_open_findings,
    )
    from tests.helpers.data import make_draft

    draft = make_draft(alice, location="Denver, CO")
    before = jobdescription_store_open_findings(job_description=draft)
    colorado = PayTransparencyRule.objects.get(jurisdiction="Colorado")
    colorado.requirements = [*colorado.requirements, "ai_disclosure"]
    colorado.save()
    assert jobdescriptions_recount_open_findings() == 1
    assert JobDescription.objects.get(pk=draft.pk).open_findings == before + 1
    assert jobdescriptions_recount_open_findings() == 0


def test_a_rule_saved_in_the_admin_or_a_rules_migration_queues_the_recount(
    alice, admin_client, django_capture_on_commit_callbacks
):
    from django.urls import reverse
    from django_tasks_db.models import DBTaskResult

    from roles.models import PayTransparencyRule
    from roles.services.guidance import recount_after_migrate
    from tests.helpers.data import make_draft

    make_draft(alice, location="Denver, CO")
    rule = PayTransparencyRule.objects.get(jurisdiction="Nevada")
    url = reverse("admin:roles_paytransparencyrule_delete", args=[rule.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url, {"post": "yes"}).status_code == 302
    queued = DBTaskResult.objects.filter(task_path__endswith="recount_open_findings")
    assert queued.count() == 1

    class Rules:
        recounts_findings = True

    class Other:
        pass

    with django_capture_on_commit_callbacks(execute=True):
        recount_after_migrate(None, plan=[(Other(), False)])
        recount_after_migrate(None, plan=[(Rules(), True)])  # going back: nothing
    assert queued.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        recount_after_migrate(None, plan=[(Other(), False), (Rules(), False)])
    assert queued.count() == 2

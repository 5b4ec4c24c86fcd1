"""Migrations 0044 and 0045 on an existing database (issue #25): a re-weighted signal changes only
where it is still as released, and the Manager level (with its template and guide answers) is
skipped, and logged, where an admin's level already holds its rank in the family. 0057: level
findings kept as written before the level finding changed shape carry over, or are dropped with a
note."""

import hashlib
import logging

import pytest
from django.core.management import call_command

from roles.documents.data import document_from_draft
from roles.models import FindingDismissal, LevelGuideAnswer, LevelSignal, RoleTemplate
from roles.selectors.guidance import draft_guidance
from roles.services.guidance import level_dismissals_carry_over
from tests.helpers.data import director_template, make_draft, make_user
from tests.helpers.migrations import migrate, model_at

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("roles", "0043_guidance_evidence")


def test_an_existing_database_keeps_its_admins_rows(caplog):
    try:
        migrate(BEFORE)
        Level = model_at(BEFORE, "roles", "Level")
        Signal = model_at(BEFORE, "roles", "LevelSignal")
        # As released (0012): every signal weighed 1. An admin has reworded "department".
        Signal.objects.update(weight=1)
        Signal.objects.filter(level__slug="director", phrase="department").update(
            explanation="our departments are small"
        )
        Level.objects.create(slug="team-lead", name="Team lead", rank=50, job_family="Operations")

        with caplog.at_level(logging.WARNING):
            migrate()
        assert "Migration 0044: the Manager level was not added" in caplog.text
        assert "Migration 0045: the Operations Manager template was not added" in caplog.text
        weights = dict(
            LevelSignal.objects.filter(level__slug="director").values_list("phrase", "weight")
        )
        assert weights["daily"] == 0.5  # as released: re-weighed
        assert weights["department"] == 1  # the admin's row: left alone
        assert not RoleTemplate.objects.filter(slug="operations-manager").exists()
        assert not LevelGuideAnswer.objects.filter(level__slug="manager").exists()
    finally:
        migrate(BEFORE)
        model_at(BEFORE, "roles", "Level").objects.filter(slug="team-lead").delete()
        migrate()
    assert RoleTemplate.objects.filter(slug="operations-manager", level__slug="manager").exists()
    assert LevelGuideAnswer.objects.filter(level__slug="manager").count() == 6


VP_WORDS = {
    "summary": "Agrees the capital plan with the executive team.",
    "scope": "Sets the company's operating model across all divisions.",
}


def _director_draft_with_vp_scope(owner):
    """A Director's draft whose summary and scope read as a VP's (its template's responsibilities,
    a Director's own words, removed)."""
    draft = make_draft(owner, director_template(), **VP_WORDS)
    draft.responsibilities.all().delete()
    return draft


def _old_dismissal(draft, user, section: str, quote: str, text: str):
    """A "keep as written" as the check before issue #25 made it: one per signal phrase."""
    return FindingDismissal.objects.create(
        job_description=draft,
        finding_key=f"level-signal:{section}::{quote}",
        text_digest=hashlib.sha256(text.encode()).hexdigest(),
        dismissed_by=user,
    )


def _level_finding(draft):
    guidance = draft_guidance(draft, document_from_draft(draft))
    kept = [(f, d) for f, d in guidance.kept if f.code == "level-signal"]
    opened = [f for f in guidance.open if f.code == "level-signal"]
    return kept, opened


def test_level_findings_kept_before_carry_over_to_the_whole_draft_finding(caplog):
    alice = make_user("alice")
    kept_before = _director_draft_with_vp_scope(alice)
    # Kept on the scope's words, that text unchanged: the new finding names that evidence.
    _old_dismissal(kept_before, alice, "scope", "operating model", VP_WORDS["scope"])
    # Kept on a summary that has changed since (the new finding's own place and words): that
    # judgement was on other words; the scope's carries over to it.
    _old_dismissal(kept_before, alice, "summary", "capital plan", "Another summary.")
    changed = _director_draft_with_vp_scope(alice)
    _old_dismissal(changed, alice, "scope", "operating model", "The scope as it was.")
    assert _level_finding(kept_before)[1] and _level_finding(changed)[1]  # shown once more

    with caplog.at_level(logging.INFO, logger="roles.services.guidance"):
        assert level_dismissals_carry_over() == (1, 2)

    ((finding, dismissal),), opened = _level_finding(kept_before)
    assert opened == [] and dismissal.dismissed_by == alice
    assert "reads as Vice President scope" in finding.message
    kept_before.refresh_from_db()
    assert kept_before.open_findings == 0  # the stored count, recounted
    # The changed draft's finding stays open, and no old-style dismissal is left anywhere.
    kept, opened = _level_finding(changed)
    assert kept == [] and opened
    assert FindingDismissal.objects.filter(finding_key__contains="operating model").count() == 0
    assert caplog.text.count("matches no finding now") == 2
    # Run again (a second migrate), nothing more changes.
    assert level_dismissals_carry_over() == (0, 0)


def test_the_migration_carries_them_over_after_the_migrate():
    alice = make_user("alice")
    draft = _director_draft_with_vp_scope(alice)
    try:
        migrate(("roles", "0056_pay_rule_law_words_new_jersey"))
        _old_dismissal(draft, alice, "scope", "operating model", VP_WORDS["scope"])
        # A real upgrade: ``migrate`` to the latest, whose post-migrate receiver carries the
        # dismissal over with today's models (which need today's tables, so not a stop at 0057).
        call_command("migrate", verbosity=0)
        (_kept,), opened = _level_finding(draft)
        assert opened == []
    finally:
        migrate()

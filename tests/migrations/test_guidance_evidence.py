"""Migrations 0044 and 0045 on an existing database (issue #25): a re-weighted signal changes only
where it is still as released, and the Manager level (with its template and guide answers) is
skipped, and logged, where an admin's level already holds its rank in the family."""

import logging

import pytest

from roles.models import LevelGuideAnswer, LevelSignal, RoleTemplate
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

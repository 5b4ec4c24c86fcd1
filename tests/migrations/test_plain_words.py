"""Migration 0061 (issue #27, item 6): what HR users read of the seeded rules carries no note
meant for developers."""

import pytest

from roles.models import LanguageTerm, LevelSignal

pytestmark = pytest.mark.django_db


def test_the_seeded_rules_read_as_plain_words():
    assert LevelSignal.objects.exists()
    assert not LevelSignal.objects.filter(source__startswith="Seed:").exists()
    assert LevelSignal.objects.filter(source__startswith="How a VP and a Director").exists()
    young = LanguageTerm.objects.get(category="age", term="young")
    assert "Pattern skips" not in young.suggestion
    assert young.suggestion.startswith("Describe the work or culture concretely")

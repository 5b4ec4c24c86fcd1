"""The guidance rules a process holds are read again after any change to the tables, even after a
change that was rolled back: a counter would come back to the same number for other tables."""

import pytest
from django.db import transaction

from roles.models import LanguageTerm
from roles.selectors.guidance import guidance_rules

pytestmark = pytest.mark.django_db


def terms(rules) -> set[str]:
    return {rule.term for rule in rules.language}


def test_rules_read_during_a_rolled_back_change_are_not_kept():
    guidance_rules()

    class RolledBack(Exception):
        pass

    with pytest.raises(RolledBack), transaction.atomic():
        LanguageTerm.objects.create(term="rockstar hire", category="jargon", match="word")
        assert "rockstar hire" in terms(guidance_rules())  # held for the uncommitted tables
        raise RolledBack
    LanguageTerm.objects.create(term="guru hire", category="jargon", match="word")
    rules = guidance_rules()
    assert "guru hire" in terms(rules)
    assert "rockstar hire" not in terms(rules)

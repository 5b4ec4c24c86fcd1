"""The guidance checks run over plain documents (``tests/helpers/checks.py``) with the rules the
data migrations seed (the admin's tables, read once per test session): the data is part of what
is tested."""

import pytest


@pytest.fixture(scope="session")
def rules(django_db_setup, django_db_blocker):
    from roles.selectors.guidance import guidance_rules

    with django_db_blocker.unblock():
        return guidance_rules()

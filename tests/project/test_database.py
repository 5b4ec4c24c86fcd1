import os

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_the_suite_runs_on_the_database_it_was_given():
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected


def test_migrations_seeded_the_role_library():
    with connection.cursor() as cursor:
        cursor.execute("SELECT slug FROM roles_roletemplate ORDER BY display_order")
        assert [row[0] for row in cursor.fetchall()] == [
            "vp-of-operations",
            "director-of-operations",
            "operations-manager",  # 0045, issue #25
        ]

"""Migration 0035: the links made before it keep working, now found by the hash of their token."""

import hashlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from roles.access import get_share_link
from roles.models import ShareLink

BEFORE = [("roles", "0034_level_rank_in_family")]
AFTER = [("roles", "0035_share_link_token_hash")]


@pytest.mark.django_db(transaction=True)
def test_existing_links_keep_working_after_their_tokens_are_hashed():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    owner = old.get_model("auth", "User").objects.create(username="olive")
    draft = old.get_model("roles", "JobDescription").objects.create(
        owner=owner, title="Old", level_id="vp"
    )
    Link = old.get_model("roles", "ShareLink")
    tokens = ["tokenA-" + "a" * 36, "tokenB-" + "b" * 36]
    for token in tokens:
        Link.objects.create(job_description=draft, token=token)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # the rest, as the suite expects

    for token in tokens:
        link = get_share_link(token)
        assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
        assert link.token_prefix == token[:6]
    with connection.cursor() as cursor:
        columns = {
            c.name
            for c in connection.introspection.get_table_description(
                cursor, ShareLink._meta.db_table
            )
        }
    assert "token" not in columns and "token_hash" in columns

"""Migration 0038: a file rendered for an export in flight moves from its row into storage, and
back again on the way down."""

import pytest

from roles.models import BulkExport, BulkExportItem
from tests.helpers.migrations import migrate, model_at

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("roles", "0037_tasks_beside_services")


def test_a_rendered_file_moves_into_storage_and_back(alice, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    in_flight = BulkExport.objects.create(requested_by=alice, format="txt", total=2, finished=1)
    rendered = b"VP of Operations\n" * 100
    try:
        migrate(BEFORE)
        OldItem = model_at(BEFORE, "roles", "BulkExportItem")
        OldItem.objects.create(
            bulk_export_id=in_flight.pk, position=0, filename="vp.txt", content=rendered, done=True
        )
        OldItem.objects.create(bulk_export_id=in_flight.pk, position=1, filename="director.txt")

        migrate()
        done, waiting = BulkExportItem.objects.order_by("position")
        assert done.file.name == f"exports/items/{in_flight.pk}-vp.txt"
        assert (tmp_path / done.file.name).read_bytes() == rendered
        assert done.size == len(rendered)
        assert (waiting.file.name, waiting.size) == ("", None)

        migrate(BEFORE)
        assert bytes(OldItem.objects.get(position=0).content) == rendered
        assert OldItem.objects.get(position=1).content is None
        assert not (tmp_path / done.file.name).exists()
    finally:
        migrate()

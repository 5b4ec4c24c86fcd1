"""Bulk export: one render task a draft, one that zips them, the ZIP kept a day; never a draft its
requester may not read; limits answered with a message."""

import io
import re
import zipfile
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from roles.models import BULK_EXPORT_MAX_DRAFTS, BulkExport, BulkExportStatus, JobDescription
from roles.services import exports as export_services
from roles.services.exports import (
    bulkexport_create,
    bulkexport_delete,
    render_bulk_export_item,
    zip_bulk_export,
)
from tests.helpers.data import director_template, make_draft, make_user
from tests.helpers.pdfs import pdf_text
from tests.helpers.project import task_worker, wait_until
from tests.helpers.word import read_docx

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def queued(task_name: str) -> list[DBTaskResult]:
    return list(
        DBTaskResult.objects.filter(task_path=f"roles.services.exports.{task_name}").order_by("pk")
    )


def run_queued_renders() -> None:
    """Run the queued render tasks here, as a worker would; the last queues the zip task."""
    for result in queued("render_bulk_export_item"):
        render_bulk_export_item.call(*result.args_kwargs["args"])


def item_files(media) -> list[str]:
    """The drafts' rendered files waiting in storage for their ZIP."""
    folder = media / "exports" / "items"
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def zip_contents(bulk_export: BulkExport) -> dict[str, bytes]:
    with bulk_export.file.open("rb") as file, zipfile.ZipFile(io.BytesIO(file.read())) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_a_bulk_export_renders_each_draft_then_zips_them_in_order(
    alice, media, django_capture_on_commit_callbacks
):
    vp = make_draft(alice, company="Northwind")
    vp_again = make_draft(alice, company="Contoso")
    director = make_draft(alice, director_template())
    with django_capture_on_commit_callbacks(execute=True):
        bulk_export = bulkexport_create(
            user=alice, job_description_ids=[vp.pk, director.pk, vp_again.pk], format_name="pdf"
        )
    assert bulk_export.status == BulkExportStatus.RENDERING and bulk_export.total == 3
    assert len(queued("render_bulk_export_item")) == 3  # one task a draft: workers share them
    assert queued("zip_bulk_export") == []

    with django_capture_on_commit_callbacks(execute=True):
        run_queued_renders()
    bulk_export.refresh_from_db()
    assert bulk_export.finished == 3 and bulk_export.status == BulkExportStatus.ZIPPING
    (zip_task,) = queued("zip_bulk_export")
    # Each draft's file waits in storage, not in the database, with its size for the limit.
    assert item_files(media) == [
        f"{bulk_export.pk}-director-of-operations-chicago-alice.pdf",
        f"{bulk_export.pk}-vp-of-operations-chicago-alice-2.pdf",
        f"{bulk_export.pk}-vp-of-operations-chicago-alice.pdf",
    ]
    for item in bulk_export.items.all():
        assert item.size == item.file.size > 1000

    with django_capture_on_commit_callbacks(execute=True):
        assert zip_bulk_export.call(*zip_task.args_kwargs["args"]) == "ready"
    bulk_export.refresh_from_db()
    assert bulk_export.status == BulkExportStatus.READY and bulk_export.percent == 100
    assert bulk_export.file.name.startswith("exports/job-descriptions-pdf-")
    files = zip_contents(bulk_export)
    # Named from their titles, in the order selected, the second of a title numbered.
    assert list(files) == [
        "vp-of-operations-chicago-alice.pdf",
        "director-of-operations-chicago-alice.pdf",
        "vp-of-operations-chicago-alice-2.pdf",
    ]
    assert "Northwind" in pdf_text(files["vp-of-operations-chicago-alice.pdf"])
    assert "Contoso" in pdf_text(files["vp-of-operations-chicago-alice-2.pdf"])
    assert "Director of Operations" in pdf_text(files["director-of-operations-chicago-alice.pdf"])
    assert bulk_export.size == bulk_export.file.size
    # The ZIP holds them now: none is left in storage, and no row names one.
    assert item_files(media) == []
    assert not bulk_export.items.exclude(file="").exists()

    # Its deletion is queued for the moment it expires, a day later.
    (deletion,) = queued("delete_bulk_export")
    assert deletion.run_after == bulk_export.expires_at
    assert bulk_export.expires_at - bulk_export.ready_at == timedelta(hours=24)


def test_other_formats_zip_as_well(alice, django_capture_on_commit_callbacks):
    draft = make_draft(alice)
    with django_capture_on_commit_callbacks(execute=True):
        bulk_export = bulkexport_create(
            user=alice, job_description_ids=[draft.pk], format_name="docx"
        )
    with django_capture_on_commit_callbacks(execute=True):
        run_queued_renders()
    zip_bulk_export.call(bulk_export.pk)
    bulk_export.refresh_from_db()
    files = zip_contents(bulk_export)
    assert (
        read_docx(files["vp-of-operations-chicago-alice.docx"]).paragraphs[0].text
        == "VP of Operations"
    )


def test_a_zip_never_holds_a_draft_its_requester_may_not_read(alice, bob):
    mine, hers = make_draft(bob), make_draft(alice)
    with pytest.raises(ValidationError, match="not available to you"):
        bulkexport_create(user=bob, job_description_ids=[mine.pk, hers.pk], format_name="pdf")
    trashed = make_draft(bob, deleted_at=timezone.now())
    with pytest.raises(ValidationError, match="not available to you"):
        bulkexport_create(user=bob, job_description_ids=[mine.pk, trashed.pk], format_name="pdf")
    assert not BulkExport.objects.exists()

    manager = make_user("manager")
    Group.objects.get(name="HR managers").user_set.add(manager)
    bulk_export = bulkexport_create(
        user=manager, job_description_ids=[mine.pk, hers.pk], format_name="pdf"
    )
    assert bulk_export.total == 2


def test_a_draft_no_longer_readable_when_its_turn_comes_is_left_out_with_a_note(
    alice, bob, django_capture_on_commit_callbacks
):
    kept, given_away = make_draft(alice), make_draft(alice, director_template())
    with django_capture_on_commit_callbacks(execute=True):
        bulk_export = bulkexport_create(
            user=alice, job_description_ids=[kept.pk, given_away.pk], format_name="txt"
        )
    JobDescription.objects.filter(pk=given_away.pk).update(owner=bob)
    with django_capture_on_commit_callbacks(execute=True):
        run_queued_renders()
    zip_bulk_export.call(bulk_export.pk)
    bulk_export.refresh_from_db()
    files = zip_contents(bulk_export)
    assert list(files) == ["vp-of-operations-chicago-alice.txt", "not-included.txt"]
    note = files["not-included.txt"].decode()
    assert (
        note
        == "director-of-operations-chicago-alice.txt: This draft is no longer available to you.\n"
    )
    assert "Director" not in files["vp-of-operations-chicago-alice.txt"].decode().split("\n")[0]


def test_a_format_that_cannot_be_made_for_a_draft_says_why_in_the_zip(
    alice, django_capture_on_commit_callbacks
):
    posted = make_draft(alice, company="Northwind", posting_date=timezone.localdate())
    unposted = make_draft(alice, title="Unposted")
    with django_capture_on_commit_callbacks(execute=True):
        bulk_export = bulkexport_create(
            user=alice, job_description_ids=[posted.pk, unposted.pk], format_name="jsonld"
        )
    with django_capture_on_commit_callbacks(execute=True):
        run_queued_renders()
    zip_bulk_export.call(bulk_export.pk)
    bulk_export.refresh_from_db()
    files = zip_contents(bulk_export)
    assert set(files) == {"vp-of-operations-chicago-alice.json", "not-included.txt"}
    note = files["not-included.txt"].decode()
    assert note.startswith("unposted-chicago-alice.json: Give the posting date first")


def test_the_limits_are_answered_with_a_message(
    alice, media, monkeypatch, django_capture_on_commit_callbacks
):
    draft = make_draft(alice)
    too_many = list(range(1, BULK_EXPORT_MAX_DRAFTS + 2))
    with pytest.raises(ValidationError, match=f"at most {BULK_EXPORT_MAX_DRAFTS} drafts"):
        bulkexport_create(user=alice, job_description_ids=too_many, format_name="pdf")
    with pytest.raises(ValidationError, match="Select at least one"):
        bulkexport_create(user=alice, job_description_ids=[], format_name="pdf")
    with pytest.raises(ValidationError, match="Choose one of the formats"):
        bulkexport_create(user=alice, job_description_ids=[draft.pk], format_name="exe")

    monkeypatch.setattr(export_services, "BULK_EXPORT_MAX_RUNNING", 2)
    for _ in range(2):
        bulkexport_create(user=alice, job_description_ids=[draft.pk], format_name="txt")
    with pytest.raises(ValidationError, match="You have 2 exports being prepared"):
        bulkexport_create(user=alice, job_description_ids=[draft.pk], format_name="txt")

    BulkExport.objects.all().delete()
    monkeypatch.setattr(export_services, "BULK_EXPORT_MAX_BYTES", 20 * 1024)
    with django_capture_on_commit_callbacks(execute=True):
        bulk_export = bulkexport_create(
            user=alice, job_description_ids=[draft.pk], format_name="pdf"
        )
    with django_capture_on_commit_callbacks(execute=True):
        run_queued_renders()
    assert len(item_files(media)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert zip_bulk_export.call(bulk_export.pk) == "failed"
    bulk_export.refresh_from_db()
    assert bulk_export.status == BulkExportStatus.FAILED and not bulk_export.file
    assert item_files(media) == []  # a failed export keeps none of its files
    assert re.fullmatch(
        r"The files come to \d\d\.\d\xa0KB, more than the 20\.0\xa0KB one export may hold\. "
        r"Export fewer drafts at a time\.",
        bulk_export.error,
    ), bulk_export.error


def test_an_expired_export_is_deleted_with_its_file_by_the_task_and_the_purge(
    alice, media, django_capture_on_commit_callbacks
):
    draft = make_draft(alice)
    exports = []
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            bulk_export = bulkexport_create(
                user=alice, job_description_ids=[draft.pk], format_name="txt"
            )
        with django_capture_on_commit_callbacks(execute=True):
            run_queued_renders()
            DBTaskResult.objects.filter(task_path=render_bulk_export_item.module_path).delete()
        with django_capture_on_commit_callbacks(execute=True):
            zip_bulk_export.call(bulk_export.pk)
        bulk_export.refresh_from_db()
        exports.append(bulk_export)
    first, second = exports
    path = media / first.file.name
    assert path.exists()
    assert bulkexport_delete(bulk_export_id=first.pk) == "not expired"
    later = first.expires_at + timedelta(seconds=1)
    assert bulkexport_delete(bulk_export_id=first.pk, now=later) == "deleted"
    assert not path.exists() and not BulkExport.objects.filter(pk=first.pk).exists()

    # The purge command catches what the queue lost: expired, and unfinished after a day (its
    # one file rendered, the ZIP never made).
    stuck = bulkexport_create(user=alice, job_description_ids=[draft.pk], format_name="txt")
    render_bulk_export_item.call(stuck.items.get().pk)
    assert item_files(media) == [f"{stuck.pk}-vp-of-operations-chicago-alice.txt"]
    BulkExport.objects.filter(pk=stuck.pk).update(created_at=timezone.now() - timedelta(days=2))
    BulkExport.objects.filter(pk=second.pk).update(expires_at=timezone.now())
    out = io.StringIO()
    call_command("purge_bulk_exports", stdout=out)
    assert out.getvalue() == "Deleted 2 expired bulk exports.\n"
    assert not BulkExport.objects.exists() and not (media / second.file.name).exists()
    assert item_files(media) == []


def test_the_pages_select_show_progress_and_download(
    alice, bob, django_capture_on_commit_callbacks
):
    client = Client()
    client.force_login(alice)
    first, second = make_draft(alice), make_draft(alice, director_template())
    listing = client.get(reverse("roles:draft_list")).content.decode()
    assert f'name="drafts" value="{first.pk}" form="bulk-export"' in listing
    assert 'id="bulk-export"' in listing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("roles:bulk_exports"), {"format": "pdf", "drafts": [first.pk, second.pk]}
        )
    bulk_export = BulkExport.objects.get()
    progress_url = reverse("roles:bulk_export", args=[bulk_export.pk])
    assert response.status_code == 302 and response.url == progress_url
    page = client.get(progress_url).content.decode()
    assert "0 of 2 drafts done" in page and 'hx-trigger="every 1s"' in page
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page
    download_url = reverse("roles:bulk_export_download", args=[bulk_export.pk])
    assert client.get(download_url).status_code == 404  # not ready yet

    with django_capture_on_commit_callbacks(execute=True):
        run_queued_renders()
    zip_bulk_export.call(bulk_export.pk)
    fragment = client.get(progress_url, headers={"HX-Request": "true"}).content.decode()
    assert "Ready" in fragment and download_url in fragment and "hx-trigger" not in fragment
    download = client.get(download_url)
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    assert 'attachment; filename="job-descriptions-pdf-' in download["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert archive.namelist() == [
        "vp-of-operations-chicago-alice.pdf",
        "director-of-operations-chicago-alice.pdf",
    ]
    assert "Ready" in client.get(reverse("roles:bulk_exports")).content.decode()

    # Someone else's export: not found, page and file alike.
    other = Client()
    other.force_login(bob)
    assert other.get(progress_url).status_code == 404
    assert other.get(download_url).status_code == 404
    # Past its day: gone from the download even before the deletion task runs.
    BulkExport.objects.filter(pk=bulk_export.pk).update(expires_at=timezone.now())
    assert client.get(download_url).status_code == 404


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"format": "pdf"}, "Select at least one draft to export."),
        ({"format": "pdf", "drafts": ["x"]}, "Select a valid choice."),
        ({"format": "exe", "drafts": ["1"]}, "Select a valid choice."),
    ],
)
def test_a_bad_selection_is_refused_with_a_message(alice_client, data, message):
    response = alice_client.post(reverse("roles:bulk_exports"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not BulkExport.objects.exists()


@pytest.mark.queue
@pytest.mark.django_db(transaction=True)
def test_real_workers_share_the_renders_and_zip_the_result(alice, media):
    drafts = [make_draft(alice, company=f"Company {n}") for n in range(4)]
    bulk_export = bulkexport_create(
        user=alice, job_description_ids=[d.pk for d in drafts], format_name="pdf"
    )
    with (
        task_worker(interval=0.05, DJANGO_MEDIA_ROOT=str(media)),
        task_worker(interval=0.05, DJANGO_MEDIA_ROOT=str(media)),
    ):
        wait_until(
            lambda: BulkExport.objects.get(pk=bulk_export.pk).status == BulkExportStatus.READY,
            timeout=90,
            message="the workers did not finish the export",
        )
    bulk_export.refresh_from_db()
    files = zip_contents(bulk_export)
    assert len(files) == 4
    for n, name in enumerate(files):
        assert f"Company {n}" in pdf_text(files[name])


def test_a_draft_titled_like_the_note_does_not_collide_with_it(
    alice, django_capture_on_commit_callbacks
):
    # A file is named by title, place, requisition and owner: "Not" by "included", no place.
    included = make_user("included")
    named = make_draft(included, title="Not")
    named.locations.all().delete()
    unposted = make_draft(alice)
    Group.objects.get(name="HR managers").user_set.add(alice)  # she may read and export it
    with django_capture_on_commit_callbacks(execute=True):
        bulk_export = bulkexport_create(
            user=alice, job_description_ids=[named.pk, unposted.pk], format_name="txt"
        )
    assert list(bulk_export.items.values_list("filename", flat=True)) == [
        "not-included-2.txt",
        "vp-of-operations-chicago-alice.txt",
    ]


def test_each_draft_is_rendered_once_and_a_lost_zip_task_is_queued_again(
    alice, django_capture_on_commit_callbacks
):
    draft = make_draft(alice)
    with django_capture_on_commit_callbacks(execute=True):
        bulk_export = bulkexport_create(
            user=alice, job_description_ids=[draft.pk], format_name="txt"
        )
    (item,) = bulk_export.items.all()
    assert render_bulk_export_item.call(item.pk) == "rendered"
    # The zip task it queued is lost (the queue was down as the render committed): a second
    # delivery of the render renders nothing again, and queues the zip once more.
    DBTaskResult.objects.filter(task_path=zip_bulk_export.module_path).delete()
    assert render_bulk_export_item.call(item.pk) == "already done"
    assert len(queued("zip_bulk_export")) == 1
    bulk_export.refresh_from_db()
    assert bulk_export.finished == 1
    assert zip_bulk_export.call(bulk_export.pk) == "ready"
    assert zip_bulk_export.call(bulk_export.pk) == "not waiting to be zipped"  # packs once


def test_a_render_that_keeps_failing_leaves_its_draft_out_after_the_last_attempt(
    alice, monkeypatch, settings, django_capture_on_commit_callbacks
):
    settings.TASKS_RETRY_DELAYS_SECONDS = (10,)
    first, second = make_draft(alice), make_draft(alice, director_template())
    with django_capture_on_commit_callbacks(execute=True):
        bulk_export = bulkexport_create(
            user=alice, job_description_ids=[first.pk, second.pk], format_name="txt"
        )
    broken, working = bulk_export.items.all()

    def storage_down(*args, **kwargs):
        raise OSError("storage is down")

    monkeypatch.setattr(export_services, "export", storage_down)
    with pytest.raises(OSError):
        render_bulk_export_item.call(broken.pk)  # first attempt: queued again in 10 s
    (again,) = [r for r in queued("render_bulk_export_item") if r.args_kwargs["kwargs"]]
    assert again.args_kwargs["kwargs"] == {"attempt": 2} and again.run_after is not None
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(OSError):
        render_bulk_export_item.call(broken.pk, attempt=2)  # the last: left out
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        render_bulk_export_item.call(working.pk)
    assert zip_bulk_export.call(bulk_export.pk) == "ready"
    bulk_export.refresh_from_db()
    note = zip_contents(bulk_export)["not-included.txt"].decode()
    assert note == "vp-of-operations-chicago-alice.txt: It could not be prepared.\n"


def test_an_export_whose_tasks_were_lost_stops_counting_toward_the_limit(alice, monkeypatch):
    monkeypatch.setattr(export_services, "BULK_EXPORT_MAX_RUNNING", 1)
    draft = make_draft(alice)
    stalled = bulkexport_create(user=alice, job_description_ids=[draft.pk], format_name="txt")
    with pytest.raises(ValidationError):
        bulkexport_create(user=alice, job_description_ids=[draft.pk], format_name="txt")
    BulkExport.objects.filter(pk=stalled.pk).update(created_at=timezone.now() - timedelta(hours=2))
    bulkexport_create(user=alice, job_description_ids=[draft.pk], format_name="txt")


def test_a_manager_who_lost_the_read_all_permission_cannot_download_others_drafts(
    alice, django_capture_on_commit_callbacks
):
    manager = make_user("manager")
    managers = Group.objects.get(name="HR managers")
    managers.user_set.add(manager)
    draft = make_draft(alice)
    with django_capture_on_commit_callbacks(execute=True):
        bulk_export = bulkexport_create(
            user=manager, job_description_ids=[draft.pk], format_name="txt"
        )
    with django_capture_on_commit_callbacks(execute=True):
        run_queued_renders()
    zip_bulk_export.call(bulk_export.pk)
    client = Client()
    client.force_login(manager)
    download = reverse("roles:bulk_export_download", args=[bulk_export.pk])
    assert client.get(download).status_code == 200
    managers.user_set.remove(manager)
    client = Client()  # permissions are cached on the user object of a request
    client.force_login(manager)
    assert client.get(download).status_code == 404

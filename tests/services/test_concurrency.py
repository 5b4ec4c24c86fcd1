"""Two editors on one draft: the second save never silently overwrites the first."""

import threading
import time

import pytest
from django.db import connection, transaction

from roles.models import JobDescription
from roles.services.drafts import EditConflict, jobdescription_save
from tests.helpers.data import make_draft
from tests.helpers.pages import editor_values, form_values


@pytest.mark.django_db
def test_a_stale_tab_gets_a_conflict_page_with_its_own_text(alice_client, alice):
    draft = make_draft(alice)
    first_tab = editor_values(alice_client, draft)
    second_tab = editor_values(alice_client, draft)

    first_tab["title"] = "Saved by the first tab"
    assert alice_client.post(draft.get_absolute_url(), first_tab).status_code == 302

    second_tab["title"] = "Typed in the second tab"
    second_tab["responsibilities-0-text"] = "A change only the second tab made."
    response = alice_client.post(draft.get_absolute_url(), second_tab)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Your changes were not saved: this draft changed since you opened it" in page
    draft.refresh_from_db()
    assert draft.title == "Saved by the first tab"
    assert draft.version == 2

    # The conflict page keeps the second tab's text; saving it again replaces, deliberately.
    again = form_values(page, "editor-form")
    assert again["title"] == "Typed in the second tab"
    assert again["responsibilities-0-text"] == "A change only the second tab made."
    assert again["loaded_version"] == "2"
    assert alice_client.post(draft.get_absolute_url(), again).status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Typed in the second tab"
    assert draft.responsibilities.first().text == "A change only the second tab made."
    assert draft.version == 3


@pytest.mark.django_db(transaction=True)
def test_two_threads_saving_at_once_on_postgresql(alice):
    if connection.vendor != "postgresql":
        pytest.skip("Row locks between real threads need PostgreSQL; CI runs this on it.")
    draft = make_draft(alice)
    results: dict[str, str] = {}
    first_has_written = threading.Event()

    def save(name: str, title: str, hold: bool) -> None:
        try:
            fresh = JobDescription.objects.get(pk=draft.pk)
            with transaction.atomic():
                jobdescription_save(
                    job_description=fresh,
                    fields={"title": title},
                    items={},
                    expected_version=1,
                )
                if hold:  # keep the row locked while the other thread tries its save
                    first_has_written.set()
                    time.sleep(0.5)
            results[name] = "saved"
        except EditConflict:
            results[name] = "conflict"
        finally:
            connection.close()

    first = threading.Thread(target=save, args=("first", "First", True))
    first.start()
    assert first_has_written.wait(10)
    second = threading.Thread(target=save, args=("second", "Second", False))
    second.start()
    first.join(10)
    second.join(10)

    assert results == {"first": "saved", "second": "conflict"}
    draft.refresh_from_db()
    assert (draft.title, draft.version) == ("First", 2)

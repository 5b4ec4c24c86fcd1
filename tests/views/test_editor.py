import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from roles.models import MAX_ITEMS
from tests.helpers.data import editor_data, make_draft, make_draft_with_items, vp_template
from tests.helpers.pages import editor_values, form_values

pytestmark = pytest.mark.django_db


def test_editing_fields_and_items_saves_everything(alice_client, alice):
    draft = make_draft(alice)
    values = editor_values(alice_client, draft) | {
        "title": "VP of Operations, EMEA",
        "company": "Northwind Logistics",
        "salary_min": "180000",
        "salary_max": "220000",
        "salary_currency": "EUR",
        "responsibilities-0-text": "Own the EMEA operations strategy.",
        "kpis-1-DELETE": "on",
    }
    response = alice_client.post(draft.get_absolute_url(), values)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "VP of Operations, EMEA"
    assert (draft.salary_min, draft.salary_max, draft.salary_currency) == (180_000, 220_000, "EUR")
    assert draft.responsibilities.first().text == "Own the EMEA operations strategy."
    assert draft.kpis.count() == 8
    assert "Operations budget variance" not in draft.kpis.values_list("name", flat=True)


def test_positions_follow_the_order_fields_and_rows_keep_their_ids(alice_client, alice):
    draft = make_draft(alice)
    ids = list(draft.qualifications.values_list("pk", flat=True))
    values = editor_values(alice_client, draft)
    total = int(values["qualifications-TOTAL_FORMS"])
    texts = [values[f"qualifications-{i}-text"] for i in range(total)]
    for index in range(total):  # reverse the list
        values[f"qualifications-{index}-ORDER"] = str(total - index)
    values["qualifications-0-text"] = "Edited while it moved."
    assert alice_client.post(draft.get_absolute_url(), values).status_code == 302
    assert list(draft.qualifications.values_list("text", flat=True)) == [
        *texts[:0:-1],
        "Edited while it moved.",
    ]
    assert list(draft.qualifications.values_list("pk", flat=True)) == ids[::-1]
    assert list(draft.qualifications.values_list("position", flat=True)) == list(range(total))


def test_add_without_javascript_saves_and_returns_with_a_blank_row(alice_client, alice):
    draft = make_draft(alice)
    values = editor_values(alice_client, draft) | {"title": "Saved first", "add": "kpis"}
    response = alice_client.post(draft.get_absolute_url(), values)
    assert response.status_code == 302
    assert response.url == f"{draft.get_absolute_url()}?add=kpis#row-kpis-9"
    draft.refresh_from_db()
    assert draft.title == "Saved first"

    page = alice_client.get(response.url).content.decode()
    values = form_values(page, "editor-form")
    assert values["kpis-TOTAL_FORMS"] == "10"
    assert values["kpis-9-name"] == ""
    assert 'id="row-kpis-9"' in page
    values |= {
        "kpis-9-name": "Scrap rate",
        "kpis-9-measure": "Scrapped units ÷ units produced",
        "kpis-9-target": "< 1%",
        "kpis-9-cadence": "weekly",
    }
    alice_client.post(draft.get_absolute_url(), values)
    assert draft.kpis.last().name == "Scrap rate"


def test_save_and_preview_goes_to_the_preview(alice_client, alice):
    draft = make_draft(alice)
    values = editor_values(alice_client, draft) | {"then": "preview"}
    response = alice_client.post(draft.get_absolute_url(), values)
    assert response.url == f"/drafts/{draft.pk}/preview/"


def test_editor_offers_htmx_and_plain_add_buttons(alice_client, alice):
    draft = make_draft(alice)
    page = alice_client.get(draft.get_absolute_url()).content.decode()
    for prefix in ("responsibilities", "kpis", "qualifications"):
        assert f'name="add" value="{prefix}"' in page
        assert f'hx-get="/drafts/{draft.pk}/rows/{prefix}/"' in page
        assert f'hx-include="#id_{prefix}-TOTAL_FORMS"' in page


def test_user_text_is_escaped_in_the_editor(alice_client, alice):
    draft = make_draft(alice, title='"><img src=x onerror=alert(1)>')
    page = alice_client.get(draft.get_absolute_url()).content.decode()
    assert "<img src=x" not in page
    assert escape(draft.title) in page


def editor_fields(response) -> str:
    """The editor's fields: the page between its form's CSRF token and its buttons."""
    page = response.content.decode()
    form = page.index('id="editor-form"')
    return page[
        page.index(">", page.index("csrfmiddlewaretoken", form)) : page.index("editor-actions")
    ]


def editor_queries(client, draft) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(draft.get_absolute_url()).status_code == 200
    return len(queries)


def test_editor_queries_do_not_grow_with_the_lists(alice_client, alice):
    small = make_draft_with_items(alice, 1)
    large = make_draft_with_items(alice, MAX_ITEMS)
    editor_queries(alice_client, small)  # warm up the session
    assert editor_queries(alice_client, small) == editor_queries(alice_client, large)


def test_the_editor_shows_what_was_just_saved(alice_client, alice):
    draft = make_draft(alice)
    assert "Chief Executive Officer (CEO)" in editor_fields(
        alice_client.get(draft.get_absolute_url())
    )
    data = editor_data(draft, reports_to="Chief Operating Officer")
    data["responsibilities-0-text"] = "Run the quarterly operating review."
    response = alice_client.post(draft.get_absolute_url(), data, follow=True)
    fields = editor_fields(response)
    assert 'value="Chief Operating Officer"' in fields
    assert "Run the quarterly operating review." in fields
    assert "Chief Executive Officer (CEO)" not in fields


def save_queries(client, draft) -> int:
    """The queries of one save that changes every row of every list and moves the first row of
    each list to the end."""
    values = editor_values(client, draft)
    for name in list(values):
        if name.endswith(("-text", "-name")):
            values[name] += " (revised)"
        if name.endswith("-ORDER") and name.split("-")[1] == "0":
            values[name] = str(MAX_ITEMS + 1)
    with CaptureQueriesContext(connection) as queries:
        assert client.post(draft.get_absolute_url(), values).status_code == 302
    return len(queries)


def test_saving_queries_do_not_grow_with_the_lists(alice_client, alice):
    small = make_draft_with_items(alice, 2)
    large = make_draft_with_items(alice, MAX_ITEMS)
    save_queries(alice_client, small)  # warm up the session
    assert save_queries(alice_client, small) == save_queries(alice_client, large)
    large.refresh_from_db()
    assert large.responsibilities.last().text == "Responsibility 0 (revised)"


def test_the_header_names_the_template_a_draft_came_from(alice_client, alice):
    from_template = make_draft(alice)
    page = alice_client.get(from_template.get_absolute_url()).content.decode()
    assert f"From the “{vp_template().title}” template" in page
    # Also when a save is refused and the page is shown again.
    refused = alice_client.post(
        from_template.get_absolute_url(), editor_data(from_template, title="")
    ).content.decode()
    assert "The draft was not saved" in refused
    assert f"From the “{vp_template().title}” template" in refused
    written_by_hand = make_draft_with_items(alice, 3)
    assert "From the" not in alice_client.get(written_by_hand.get_absolute_url()).content.decode()

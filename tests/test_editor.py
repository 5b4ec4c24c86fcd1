import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roles.forms import ITEM_FORMSETS
from roles.fragments import code_fingerprint
from roles.models import MAX_ITEMS
from tests.factories import editor_data, make_draft, make_draft_with_items, vp_template
from tests.html_forms import editor_values, form_values

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
    assert draft.salary_range == "EUR 180,000 – 220,000"
    assert draft.responsibilities.first().text == "Own the EMEA operations strategy."
    assert draft.kpis.count() == 8
    assert "Operations budget variance" not in draft.kpis.values_list("name", flat=True)


def test_positions_follow_the_order_fields(alice_client, alice):
    draft = make_draft(alice)
    values = editor_values(alice_client, draft)
    total = int(values["qualifications-TOTAL_FORMS"])
    texts = [values[f"qualifications-{i}-text"] for i in range(total)]
    for index in range(total):  # reverse the list
        values[f"qualifications-{index}-ORDER"] = str(total - index)
    alice_client.post(draft.get_absolute_url(), values)
    assert list(draft.qualifications.values_list("text", flat=True)) == texts[::-1]
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


def editor_fields(response) -> str:
    """The editor's fields: the page between its form's CSRF token and its buttons."""
    page = response.content.decode()
    form = page.index('id="editor-form"')
    return page[
        page.index(">", page.index("csrfmiddlewaretoken", form)) : page.index("editor-actions")
    ]


def editor_queries(client, draft, *, fields_cached: bool = False) -> int:
    if not fields_cached:
        cache.clear()  # The saved draft's fields are cached: count the queries that build them.
    with CaptureQueriesContext(connection) as queries:
        assert client.get(draft.get_absolute_url()).status_code == 200
    return len(queries)


def test_editor_queries_do_not_grow_with_the_lists(alice_client, alice):
    small = make_draft_with_items(alice, 5)
    large = make_draft_with_items(alice, MAX_ITEMS)
    editor_queries(alice_client, small)  # warm up the session
    assert editor_queries(alice_client, small) == editor_queries(alice_client, large)


def test_opening_an_unchanged_draft_again_reuses_its_rendered_fields(alice_client, alice):
    draft = make_draft_with_items(alice, MAX_ITEMS)
    first = editor_fields(alice_client.get(draft.get_absolute_url()))
    uncached = editor_queries(alice_client, draft)
    cached = editor_queries(alice_client, draft, fields_cached=True)
    # The three lists are not read again; the page is the same.
    assert cached == uncached - len(ITEM_FORMSETS)
    assert editor_fields(alice_client.get(draft.get_absolute_url())) == first


def test_saving_shows_the_new_text_not_the_cached_fields(alice_client, alice):
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


def test_cached_fields_hold_nothing_from_the_request(alice_client, alice):
    """The fields are rendered without the request: no CSRF token or nonce can be cached."""
    draft = make_draft(alice)
    response = alice_client.get(draft.get_absolute_url())
    fields = editor_fields(response)
    assert "csrfmiddlewaretoken" not in fields
    assert "nonce" not in fields
    # The editor's own form and the sign-out form have theirs.
    assert response.content.decode().count("csrfmiddlewaretoken") == 2


def test_saving_queries_are_bounded(alice_client, alice):
    draft = make_draft_with_items(alice, MAX_ITEMS)
    values = editor_values(alice_client, draft)
    with CaptureQueriesContext(connection) as queries:
        assert alice_client.post(draft.get_absolute_url(), values).status_code == 302
    # One UPDATE per item is expected; anything quadratic would blow far past this.
    assert len(queries) <= 3 * MAX_ITEMS + 20


def test_a_new_release_never_serves_fields_cached_by_the_last_one(settings, tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "roles").mkdir()
    template = tmp_path / "templates" / "field.html"
    template.write_text("<input>")
    (tmp_path / "roles" / "forms.py").write_text("FIELDS = 1\n")
    settings.BASE_DIR = tmp_path
    code_fingerprint.cache_clear()
    try:
        before = code_fingerprint()
        template.write_text("<input class='form-control'>")
        code_fingerprint.cache_clear()
        assert code_fingerprint() != before
    finally:
        code_fingerprint.cache_clear()


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

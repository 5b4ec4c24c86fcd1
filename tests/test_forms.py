import pytest

from roles.models import ITEM_MAX_LENGTH, MAX_ITEMS, TITLE_MAX_LENGTH
from tests.helpers.pages import editor_values
from tests.helpers.project import run_django

pytestmark = pytest.mark.django_db


def post(client, draft, values):
    return client.post(draft.get_absolute_url(), values)


def assert_not_saved(draft, response, message):
    assert response.status_code == 200
    page = response.content.decode()
    assert "The draft was not saved" in page
    assert message in page
    fresh = type(draft).objects.get(pk=draft.pk)
    assert fresh.title == draft.title
    assert fresh.summary == draft.summary
    assert fresh.updated_at == draft.updated_at


def test_required_fields_empty(alice_client, draft):
    values = editor_values(alice_client, draft) | {"title": "", "summary": "  "}
    response = post(alice_client, draft, values)
    assert_not_saved(draft, response, "Title: This field is required.")
    assert "Summary: This field is required." in response.content.decode()


def test_title_over_its_limit(alice_client, draft):
    values = editor_values(alice_client, draft) | {"title": "x" * (TITLE_MAX_LENGTH + 1)}
    response = post(alice_client, draft, values)
    assert_not_saved(draft, response, f"at most {TITLE_MAX_LENGTH} characters")


def test_item_over_its_limit_is_reported_on_its_row(alice_client, draft):
    values = editor_values(alice_client, draft)
    values["responsibilities-2-text"] = "y" * (ITEM_MAX_LENGTH + 1)
    values["title"] = "Would be lost"
    response = post(alice_client, draft, values)
    assert_not_saved(
        draft,
        response,
        f"Responsibility 3 – Responsibility: Ensure this value has at most {ITEM_MAX_LENGTH} "
        "characters",
    )
    assert 'href="#id_responsibilities-2-text"' in response.content.decode()


def test_salary_minimum_above_maximum(alice_client, draft):
    values = editor_values(alice_client, draft) | {"salary_min": "250000", "salary_max": "200000"}
    response = post(alice_client, draft, values)
    assert_not_saved(draft, response, "The maximum pay must be at least the minimum pay.")


@pytest.mark.parametrize("value", ["-5", "abc", "1e309", "100000001"])
def test_salary_must_be_a_sane_whole_number(alice_client, draft, value):
    values = editor_values(alice_client, draft) | {"salary_min": value}
    response = post(alice_client, draft, values)
    assert_not_saved(draft, response, "Pay minimum:")


def test_a_list_holds_at_most_the_limit(alice_client, draft):
    values = editor_values(alice_client, draft)
    existing = int(values["kpis-TOTAL_FORMS"])
    for index in range(existing, MAX_ITEMS + 1):
        values |= {
            f"kpis-{index}-name": f"Extra KPI {index}",
            f"kpis-{index}-measure": "Counted",
            f"kpis-{index}-target": "1",
            f"kpis-{index}-cadence": "monthly",
        }
    values["kpis-TOTAL_FORMS"] = str(MAX_ITEMS + 1)
    response = post(alice_client, draft, values)
    assert_not_saved(draft, response, f"A list can hold at most {MAX_ITEMS} items.")
    assert draft.kpis.count() == 9


def test_a_tampered_form_count_builds_no_more_than_the_limit(alice_client, draft):
    values = editor_values(alice_client, draft) | {"qualifications-TOTAL_FORMS": "100000"}
    response = post(alice_client, draft, values)
    assert_not_saved(draft, response, f"A list can hold at most {MAX_ITEMS} items.")


def test_a_broken_management_form_is_a_message_not_a_crash(alice_client, draft):
    values = editor_values(alice_client, draft)
    del values["kpis-TOTAL_FORMS"]
    response = post(alice_client, draft, values)
    assert_not_saved(draft, response, "ManagementForm data is missing or has been tampered with")


def test_the_last_responsibility_cannot_be_removed(alice_client, draft):
    values = editor_values(alice_client, draft)
    for index in range(int(values["responsibilities-TOTAL_FORMS"])):
        values[f"responsibilities-{index}-DELETE"] = "on"
    response = post(alice_client, draft, values)
    assert_not_saved(draft, response, "Keep at least 1 item in this list.")


def test_a_blank_new_row_is_ignored(alice_client, draft):
    values = editor_values(alice_client, draft)
    total = int(values["responsibilities-TOTAL_FORMS"])
    values |= {
        "responsibilities-TOTAL_FORMS": str(total + 1),
        f"responsibilities-{total}-text": "",
        f"responsibilities-{total}-ORDER": str(total + 1),  # JavaScript numbers every row.
    }
    response = post(alice_client, draft, values)
    assert response.status_code == 302
    assert draft.responsibilities.count() == total


def test_a_half_filled_kpi_row_says_what_is_missing(alice_client, draft):
    values = editor_values(alice_client, draft)
    total = int(values["kpis-TOTAL_FORMS"])
    values |= {"kpis-TOTAL_FORMS": str(total + 1), f"kpis-{total}-name": "Scrap rate"}
    response = post(alice_client, draft, values)
    assert_not_saved(
        draft, response, f"KPI {total + 1} – How it is measured: This field is required."
    )


def test_the_forms_do_not_load_the_pdf_renderer():
    """The editor's forms ask the fonts what is printable (fontTools); WeasyPrint, heavy and only
    needed to render, is not imported with them."""
    result = run_django(
        "import sys, roles.forms.editor, roles.admin\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'weasyprint', 'fontTools'}))"
    )
    assert result.stdout.strip() == "['fontTools']", result.stderr


def test_the_admin_does_not_load_the_editor():
    result = run_django("import sys, roles.admin\nprint('roles.forms.editor' in sys.modules)")
    assert result.stdout.strip() == "False", result.stderr


def test_a_closing_date_and_a_rolling_basis_are_not_both_given(alice_client, draft):
    values = editor_values(alice_client, draft) | {
        "closing_date": "2027-01-31",
        "applications_rolling": "on",
    }
    assert_not_saved(draft, post(alice_client, draft, values), "not both")


def test_the_closing_date_is_not_before_the_posting_date(alice_client, draft):
    values = editor_values(alice_client, draft) | {
        "posting_date": "2027-02-01",
        "closing_date": "2027-01-31",
    }
    assert_not_saved(draft, post(alice_client, draft, values), "before the posting date")


def test_the_country_list_marks_the_chosen_country_once():
    from roles.forms.editor import LocationForm

    html = str(LocationForm(initial={"country": "CA"})["country"])
    assert html.count("<option") > 200
    assert html.count(" selected") == 1
    assert '<option value="CA" selected>Canada</option>' in html
    assert '<option value="CA" selected>' not in str(LocationForm()["country"]).replace(
        '"US" selected', ""
    )
    assert '<option value="US" selected>' in str(LocationForm()["country"])  # the default


@pytest.mark.parametrize(
    "typed, country, stored",
    [
        ("Colorado", "US", "CO"),
        ("co", "US", "CO"),
        ("new york", "US", "NY"),
        ("District of Columbia", "US", "DC"),
        ("Ontario", "CA", "ON"),
        ("Newfoundland and Labrador", "CA", "NL"),
        ("BY", "DE", "BY"),  # a country whose regions are not listed keeps the code typed
    ],
)
def test_a_location_takes_a_state_or_province_by_name_or_code(typed, country, stored):
    from roles.forms.editor import LocationForm

    form = LocationForm(
        data={"arrangement": "on_site", "city": "X", "region": typed, "country": country}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["region"] == stored and form.instance.region == stored


def test_a_location_refuses_a_state_that_is_not_one():
    from roles.forms.editor import LocationForm

    form = LocationForm(
        data={"arrangement": "on_site", "city": "X", "region": "Gotham", "country": "US"}
    )
    assert not form.is_valid()
    assert form.errors["region"] == [
        "Enter a state or province of US: its code (NY) or name (New York)."
    ]
    zip_code = LocationForm(
        data={
            "arrangement": "on_site",
            "city": "Brooklyn",
            "postal_code": "11201",
            "country": "US",
        }
    )
    assert zip_code.is_valid() and zip_code.instance.postal_code == "11201"

"""schema.org JobPosting JSON-LD: every export validated against a JSON schema written from Google's
documented rules, which also rejects the mistakes it names; every value mapped and tested."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from roles.documents import DocumentRenderError
from roles.documents.data import DocumentData, LocationItem, Organisation, document_from_draft
from roles.documents.jobposting import job_posting, json_ld_script
from roles.documents.registry import export
from tests.helpers.data import make_draft

SCHEMA = json.loads((Path(__file__).parent / "jobposting.schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def document(**fields) -> DocumentData:
    defaults = {
        "title": "Director of Operations",
        "level": "director",
        "summary": "Runs the plant.",
        "company": "Northwind",
        "posting_date": datetime.date(2026, 12, 1),
        "employment_type": "full_time",
        "salary_min": Decimal("150000.00"),
        "salary_max": Decimal("185000.00"),
        "salary_currency": "USD",
        "pay_period": "year",
        "locations": (LocationItem(None, "on_site", "Austin", "TX", "US"),),
        "organisation": Organisation(name="Northwind Holdings"),
    }
    return DocumentData(**(defaults | fields))


def valid(posting: dict) -> dict:
    errors = sorted(VALIDATOR.iter_errors(posting), key=str)
    assert not errors, [error.message for error in errors]
    return posting


def test_a_complete_posting_has_every_property_it_can_fill():
    posting = valid(
        job_posting(
            document(
                closing_date=datetime.date(2027, 1, 31),
                requisition_id="OPS-14",
                education_required="bachelor degree",
                experience_months=96,
                experience_in_place_of_education=True,
            )
        )
    )
    assert posting["title"] == "Director of Operations"
    assert posting["datePosted"] == "2026-12-01"
    assert posting["validThrough"] == "2027-01-31T23:59:59"
    assert posting["employmentType"] == "FULL_TIME"
    assert posting["hiringOrganization"] == {"@type": "Organization", "name": "Northwind"}
    assert posting["jobLocation"][0]["address"] == {
        "@type": "PostalAddress",
        "addressCountry": "US",
        "addressLocality": "Austin",
        "addressRegion": "TX",
    }
    assert posting["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "USD",
        "value": {
            "@type": "QuantitativeValue",
            "unitText": "YEAR",
            "minValue": 150000,
            "maxValue": 185000,
        },
    }
    assert posting["identifier"]["value"] == "OPS-14"
    assert posting["educationRequirements"]["credentialCategory"] == "bachelor degree"
    assert posting["experienceRequirements"]["monthsOfExperience"] == 96
    assert posting["experienceInPlaceOfEducation"] is True
    assert posting["directApply"] is False


@pytest.mark.parametrize(
    ("employment_type", "expected"),
    [
        ("full_time", "FULL_TIME"),
        ("part_time", "PART_TIME"),
        ("contract", "CONTRACTOR"),
        ("interim", "TEMPORARY"),
    ],
)
def test_every_employment_type_is_mapped(employment_type, expected):
    assert (
        valid(job_posting(document(employment_type=employment_type)))["employmentType"] == expected
    )


@pytest.mark.parametrize(
    ("period", "unit"),
    [("hour", "HOUR"), ("day", "DAY"), ("week", "WEEK"), ("month", "MONTH"), ("year", "YEAR")],
)
def test_the_pay_unit_comes_from_the_pay_period(period, unit):
    posting = valid(
        job_posting(
            document(pay_period=period, salary_min=Decimal("42.50"), salary_max=Decimal("42.50"))
        )
    )
    assert posting["baseSalary"]["value"] == {
        "@type": "QuantitativeValue",
        "unitText": unit,
        "value": 42.5,
    }


def test_without_a_closing_date_there_is_no_valid_through():
    assert "validThrough" not in valid(job_posting(document()))


def test_remote_follows_googles_rules():
    remote = valid(job_posting(document(locations=(LocationItem(None, "remote", "", "", "US"),))))
    assert remote["jobLocationType"] == "TELECOMMUTE"
    assert remote["applicantLocationRequirements"] == [{"@type": "Country", "name": "US"}]
    assert "jobLocation" not in remote
    hybrid = valid(
        job_posting(document(locations=(LocationItem(None, "hybrid", "Denver", "CO", "US"),)))
    )
    assert "jobLocationType" not in hybrid and "applicantLocationRequirements" not in hybrid
    either = valid(
        job_posting(
            document(
                locations=(
                    LocationItem(None, "on_site", "Denver", "CO", "US"),
                    LocationItem(None, "remote", "", "CO", "US"),
                )
            )
        )
    )
    assert either["jobLocationType"] == "TELECOMMUTE" and either["jobLocation"]
    assert either["applicantLocationRequirements"] == [{"@type": "State", "name": "CO, US"}]


@pytest.mark.parametrize(
    ("fields", "asks_for"),
    [
        ({"posting_date": None}, "posting date"),
        ({"company": "", "organisation": Organisation()}, "company"),
        ({"locations": ()}, "work location"),
    ],
)
def test_what_is_missing_is_asked_for_never_invented(fields, asks_for):
    with pytest.raises(DocumentRenderError, match=asks_for):
        job_posting(document(**fields))


@pytest.mark.parametrize(
    ("breakage", "path"),
    [
        (lambda p: p.pop("datePosted"), "datePosted"),
        (lambda p: p["baseSalary"]["value"].update(unitText="ANNUAL"), "unitText"),
        (lambda p: p.update(jobLocationType="TELECOMMUTE") or p.pop("jobLocation"), "applicant"),
        (lambda p: p["baseSalary"]["value"].update(value=150000), "range given as value"),
        (lambda p: p.update(employmentType="Full-time"), "employmentType"),
    ],
)
def test_the_schema_rejects_what_google_rejects(breakage, path):
    posting = job_posting(document())
    breakage(posting)
    assert list(VALIDATOR.iter_errors(posting)), path


HOSTILE = '</script><script>alert(1)</script> <!-- & "quotes" \u202e'


def test_hostile_text_stays_inside_its_script_element():
    script = json_ld_script(document(title=HOSTILE, summary=HOSTILE, company=HOSTILE))
    body = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in body and ">" not in body and "&" not in body
    assert json.loads(body)["title"] == HOSTILE
    assert "&lt;/script&gt;" in json.loads(body)["description"]


@pytest.mark.django_db
def test_a_draft_exports_valid_json_ld(alice):
    draft = make_draft(alice, company="Northwind", posting_date=datetime.date(2026, 12, 1))
    exported = export("jsonld", document_from_draft(draft))
    assert exported.content_type == "application/ld+json"
    posting = valid(json.loads(exported.content))
    assert posting["jobLocation"][0]["address"]["addressLocality"] == "Chicago"
    assert posting["description"].startswith("<ul><li>Company: Northwind</li>")


@pytest.mark.django_db
def test_downloading_without_a_posting_date_says_what_to_fill_in(alice, alice_client):
    from django.urls import reverse

    draft = make_draft(alice)
    response = alice_client.get(reverse("roles:download", args=[draft.pk, "jsonld"]))
    assert response.status_code == 422
    page = response.content.decode()
    assert "Give the posting date first" in page
    assert "could not be made" in page

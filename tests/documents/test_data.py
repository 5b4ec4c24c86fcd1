"""DocumentData: one job description as plain values, the same whether built from a draft, a role
template or a past version, and readable without the database."""

import dataclasses
import datetime
from decimal import Decimal

import pytest
from django.db import models

from roles.documents.data import (
    DocumentData,
    document_from_draft,
    document_from_template,
    document_from_version,
)
from roles.models import OrganisationProfile
from roles.selectors.history import jobdescription_versions
from roles.services.drafts import ItemValues, jobdescription_save
from tests.helpers.data import make_draft, vp_template

pytestmark = pytest.mark.django_db

PLAIN = (str, int, Decimal, datetime.date, type(None))


def assert_plain(value) -> None:
    """Only text, numbers, dates, None, tuples and the document's own dataclasses: no model
    instance, queryset or manager anywhere inside."""
    if dataclasses.is_dataclass(value):
        assert value.__dataclass_params__.frozen, type(value)
        for field in dataclasses.fields(value):
            assert_plain(getattr(value, field.name))
    elif isinstance(value, tuple):
        for item in value:
            assert_plain(item)
    else:
        assert isinstance(value, PLAIN), f"{type(value)} in the document data"
        assert not isinstance(value, models.Model | models.QuerySet | models.Manager)


def test_a_draft_its_template_and_its_first_version_are_the_same_document(alice):
    draft = make_draft(alice)
    from_draft = document_from_draft(draft)
    from_template = document_from_template(vp_template())
    from_version = document_from_version(jobdescription_versions(draft).get())
    assert from_version == from_draft
    # The template has no company and no posting facts, and its rows are other rows: each of
    # the draft's records the template row it was copied from.
    strip = {"company": "", "employment_type": "", "audience": ""}
    for name in ("responsibilities", "kpis", "qualifications", "locations"):
        assert [item.source_id for item in getattr(from_draft, name)] == [
            item.id for item in getattr(from_template, name)
        ]
    without_ids = {
        name: tuple(
            dataclasses.replace(item, id=None, source_id=None) for item in getattr(from_draft, name)
        )
        for name in ("responsibilities", "kpis", "qualifications", "locations")
    }
    template_without_ids = {
        name: tuple(dataclasses.replace(item, id=None) for item in getattr(from_template, name))
        for name in ("responsibilities", "kpis", "qualifications", "locations")
    }
    assert dataclasses.replace(from_draft, **strip, **without_ids) == dataclasses.replace(
        from_template, **template_without_ids
    )
    assert len(from_draft.responsibilities) == vp_template().responsibilities.count()


def test_document_data_holds_plain_frozen_values(alice):
    draft = make_draft(alice, salary_min=180_000, salary_max=220_000)
    document = document_from_draft(draft)
    assert_plain(document)
    with pytest.raises(dataclasses.FrozenInstanceError):
        document.title = "Changed"  # type: ignore[misc]
    assert [item.id for item in document.responsibilities] == list(
        draft.responsibilities.values_list("pk", flat=True)
    )


def test_a_past_version_reads_as_it_was_saved(alice):
    draft = make_draft(alice)
    first = jobdescription_versions(draft).get()
    rows = list(draft.responsibilities.all())
    jobdescription_save(
        job_description=draft,
        fields={"title": "VP of Operations, EMEA"},
        items={"responsibilities": [ItemValues(id=rows[1].pk, values={"text": rows[1].text})]},
        expected_version=draft.version,
    )
    then, now = document_from_version(first), document_from_draft(draft)
    assert then.title == "VP of Operations" and now.title == "VP of Operations, EMEA"
    assert [item.text for item in then.responsibilities] == [row.text for row in rows]
    assert [item.id for item in now.responsibilities] == [rows[1].pk]


def test_the_organisation_is_read_into_the_document(alice):
    profile = OrganisationProfile.load()
    profile.name, profile.paper_size = "Northwind", "letter"
    profile.save()
    organisation = document_from_draft(make_draft(alice)).organisation
    assert (organisation.name, organisation.paper_size, organisation.logo_name) == (
        "Northwind",
        "letter",
        "",
    )


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (180_000, 220_000, "USD 180,000 – 220,000"),
        (180_000, 180_000, "USD 180,000"),
        (180_000, None, "From USD 180,000"),
        (None, 220_000, "Up to USD 220,000"),
        (None, None, ""),
    ],
)
def test_salary_range_reads_like_a_job_ad(low, high, expected):
    document = DocumentData(
        title="VP", level="vp", summary="", salary_min=low, salary_max=high, salary_currency="USD"
    )
    assert document.salary_range == expected


@pytest.mark.parametrize(
    ("title", "filename"),
    [
        ("Director of Operations", "director-of-operations.pdf"),
        ("VP, Operations (EMEA) / Interim", "vp-operations-emea-interim.pdf"),
        ("<>!!", "job-description.pdf"),
    ],
)
def test_file_names_are_made_from_the_title(title, filename):
    assert DocumentData(title=title, level="vp", summary="").filename("pdf") == filename


def test_labels_read_as_a_person_writes_them():
    document = DocumentData(
        title="T", level="director", level_name="Director", summary="", employment_type="interim"
    )
    assert (document.level_label, document.employment_type_label) == ("Director", "Interim")
    # A value a later release no longer offers prints as stored rather than failing.
    assert DocumentData(title="T", level="svp", summary="").level_label == "svp"


def test_the_organisation_as_printed_is_read_in_one_query_and_is_what_the_profile_says(
    django_assert_num_queries,
):
    from roles.documents.data import Organisation
    from roles.models import PayTransparencyRule, PlaceHeadcount

    profile = OrganisationProfile.load()
    profile.name, profile.headcount, profile.home_region = "Acme", 240, "CO"
    profile.logo.name = "logos/acme.svg"
    profile.save()
    for jurisdiction, employees in (("Minnesota", 12), ("Colorado", 30)):
        rule = PayTransparencyRule.objects.get(jurisdiction=jurisdiction)
        PlaceHeadcount.objects.create(organisation=profile, rule=rule, employees=employees)
    # A second profile (there should be one) is not read: ``OrganisationProfile.load`` reads
    # the first.
    OrganisationProfile.objects.create(name="Other", headcount=3)

    with django_assert_num_queries(1):
        organisation = Organisation.load()

    assert organisation == Organisation.from_profile(profile)
    assert organisation.name == "Acme" and organisation.headcount == 240
    assert organisation.logo_name == "logos/acme.svg" and organisation.raster_logo_name == ""
    # In the order of their places, whatever order they were entered in: a PDF is found in
    # the cache by what it is made of, and the same organisation must be the same key.
    assert organisation.place_headcounts == (("Colorado", 30), ("Minnesota", 12))


def test_the_organisation_as_printed_without_headcounts_or_any_profile_yet():
    from roles.documents.data import Organisation

    OrganisationProfile.objects.all().delete()
    organisation = Organisation.load()  # makes the default profile, as the profile's load does

    assert OrganisationProfile.objects.count() == 1
    assert organisation == Organisation.from_profile(OrganisationProfile.load())
    assert organisation.place_headcounts == ()

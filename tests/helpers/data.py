"""Test data: users, drafts (the two seeded role templates come from the migration), editor and
admin form data, and pictures."""

import io
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.validators import RegexValidator
from django.db import models
from PIL import Image

from roles.models import (
    EDITABLE_FIELDS,
    ITEM_LISTS,
    KPI,
    MAX_ITEMS,
    JobDescription,
    Qualification,
    Responsibility,
    RoleTemplate,
)
from roles.services.drafts import jobdescription_create_from_template

PASSWORD = "correct horse battery staple"


def make_user(username: str, **extra):
    return get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)


def vp_template() -> RoleTemplate:
    return RoleTemplate.objects.get(slug="vp-of-operations")


def director_template() -> RoleTemplate:
    return RoleTemplate.objects.get(slug="director-of-operations")


def make_draft(
    owner, template: RoleTemplate | None = None, *, location: str | None = None, **fields
) -> JobDescription:
    """A draft of ``template`` (the VP's) with ``fields`` set; ``location`` ("Chicago, IL")
    replaces its work locations with one on-site location there."""
    draft = jobdescription_create_from_template(template=template or vp_template(), owner=owner)
    names = {field.name for field in JobDescription._meta.get_fields()}
    for name, value in fields.items():
        assert name in names, f"JobDescription has no field {name!r}"
        setattr(draft, name, value)
    if fields:
        draft.save()
    if location is not None:
        city, _, region = location.partition(", ")
        draft.locations.all().delete()
        draft.locations.create(position=1, city=city, region=region, country="US")
    return draft


def make_draft_with_items(owner, count: int) -> JobDescription:
    """A draft with exactly ``count`` responsibilities, KPIs and qualifications."""
    draft = JobDescription.objects.create(
        owner=owner, title=f"Draft with {count} items", level_id="vp", summary="Summary."
    )
    Responsibility.objects.bulk_create(
        Responsibility(job_description=draft, position=i, text=f"Responsibility {i}")
        for i in range(count)
    )
    KPI.objects.bulk_create(
        KPI(job_description=draft, position=i, name=f"KPI {i}", measure="Measured", target="90%")
        for i in range(count)
    )
    Qualification.objects.bulk_create(
        Qualification(job_description=draft, position=i, text=f"Qualification {i}")
        for i in range(count)
    )
    return draft


def _filled(length: int, label: str) -> str:
    """Text of exactly ``length`` characters: ``label``, then ordinary words to the limit."""
    words = " ".join(
        ["Plans and reviews the operating budget with every regional lead each quarter."] * 60
    )
    return (f"{label} " + words)[: length - 1].rstrip().ljust(length - 1, "x") + "."


def make_largest_draft(owner) -> JobDescription:
    """The largest draft the editor accepts: every list at ``MAX_ITEMS``, every text field at its
    ``max_length`` (ordinary words, so lines break as they would in a real draft). Each item's
    text starts with its list and number ("Responsibility 40"), so a reader can find the last."""
    draft = make_draft(
        owner,
        apply_url="https://careers.example.com/" + "a" * 172,
        experience_months=600,
        posting_date=date(2026, 12, 1),
        closing_date=date(2027, 1, 31),
        salary_min=Decimal("99999999.99"),
        salary_max=Decimal("100000000"),
        **{
            field.name: _filled(field.max_length, field.verbose_name.capitalize())
            for field in JobDescription._meta.concrete_fields
            if field.name in EDITABLE_FIELDS
            and isinstance(field, (models.CharField, models.TextField))
            and not field.choices
            # a code (a state's) checked by its pattern, not text: set below
            and not any(isinstance(check, RegexValidator) for check in field.validators)
            and field.name != "apply_url"
        },
        reporting_office_region="NY",
    )
    draft.full_clean()
    for related_name, _content, _template_model, model in ITEM_LISTS:
        getattr(draft, related_name).all().delete()
        rows = []
        for number in range(1, MAX_ITEMS + 1):
            row = model(job_description=draft, position=number)
            for field in model._meta.concrete_fields:
                if field.name == "region":
                    row.region = "NY"
                elif field.name == "postal_code":
                    row.postal_code = "10001"  # New York, NY: agrees with the region
                elif isinstance(field, models.CharField) and not field.choices:
                    label = f"{model._meta.verbose_name.capitalize()} {number} {field.name}"
                    setattr(row, field.name, _filled(field.max_length, label))
            row.full_clean(exclude=["job_description", "source_item"])
            rows.append(row)
        model.objects.bulk_create(rows)
    return draft


def editor_data(draft: JobDescription, **changes) -> dict:
    """The editor's POST data for ``draft`` as it is stored, with ``changes`` applied."""
    data = {
        "loaded_version": draft.version,
        "title": draft.title,
        "summary": draft.summary,
        "employment_type": draft.employment_type,
        "salary_currency": draft.salary_currency,
        "pay_period": draft.pay_period,
        "audience": draft.audience,
    }
    for name in ("salary_min", "salary_max"):
        if getattr(draft, name) is not None:
            data[name] = getattr(draft, name)
    for prefix in ("responsibilities", "kpis", "qualifications", "locations"):
        items = list(getattr(draft, prefix).all())
        data |= {f"{prefix}-TOTAL_FORMS": len(items), f"{prefix}-INITIAL_FORMS": len(items)}
        for index, item in enumerate(items):
            data[f"{prefix}-{index}-id"] = item.pk
            data[f"{prefix}-{index}-ORDER"] = index + 1
            fields = ("text", "name", "measure", "target", "cadence", "kind")
            for field in (*fields, "arrangement", "city", "region", "postal_code", "country"):
                if hasattr(item, field):
                    data[f"{prefix}-{index}-{field}"] = getattr(item, field)
            # The admin counts positions from 1 (stored from 0).
            data[f"{prefix}-{index}-position"] = item.position + 1
    return data | changes


def organisation_profile_data(**changes) -> dict:
    """The organisation profile admin form's POST data, with ``changes`` applied."""
    return {
        "name": "Contoso",
        "accent_colour": "#123456",
        "paper_size": "A4",
        "about": "",
        "equal_opportunity": "",
        "headcount": "",
        "home_region": "",
        "home_country": "",
        **PLACE_HEADCOUNTS_NONE,
    } | changes


#: The organisation profile admin's inline of per-rule headcounts, with no rows.
PLACE_HEADCOUNTS_NONE = {
    "place_headcounts-TOTAL_FORMS": "0",
    "place_headcounts-INITIAL_FORMS": "0",
    "place_headcounts-MIN_NUM_FORMS": "0",
    "place_headcounts-MAX_NUM_FORMS": "1000",
}


def png_bytes(width=400, height=100, colour=(15, 76, 129)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format="PNG")
    return out.getvalue()


def template_admin_data(template: RoleTemplate, **changes) -> dict:
    """The role template admin form's POST data for ``template`` as it is stored, its lists
    included, with ``changes`` applied."""
    data = {
        name: getattr(template, name)
        for name in ("title", "slug", "reports_to", "display_order", "summary", "scope")
    } | {
        "level": template.level_id,
        "impact": template.impact,
        "collaboration": template.collaboration,
        "salary_currency": template.salary_currency,
        "pay_period": template.pay_period,
        "benefits": template.benefits,
        "other_compensation": template.other_compensation,
    }
    if template.is_active:
        data["is_active"] = "on"
    for name in ("salary_min", "salary_max"):
        if getattr(template, name) is not None:
            data[name] = getattr(template, name)
    fields = ("position", "text", "name", "measure", "target", "cadence", "kind")
    for prefix in ("responsibilities", "kpis", "qualifications", "locations"):
        items = list(getattr(template, prefix).all())
        data |= {f"{prefix}-TOTAL_FORMS": len(items), f"{prefix}-INITIAL_FORMS": len(items)}
        for index, item in enumerate(items):
            data |= {f"{prefix}-{index}-id": item.pk, f"{prefix}-{index}-template": template.pk}
            for field in (*fields, "arrangement", "city", "region", "postal_code", "country"):
                if hasattr(item, field):
                    data[f"{prefix}-{index}-{field}"] = getattr(item, field)
            # The admin counts positions from 1 (stored from 0).
            data[f"{prefix}-{index}-position"] = item.position + 1
    return data | changes

"""The job description as schema.org JobPosting structured data (JSON-LD), as Google Search
Central's job-posting documentation describes it: its required properties (title, description,
datePosted, hiringOrganization, jobLocation) and the recommended ones a draft can fill. Every
value is mapped here, explicitly; nothing is guessed, and a missing date is asked for, never made
up (``DocumentRenderError``)."""

import html
import json
from decimal import Decimal

from django.utils.safestring import SafeString, mark_safe

from . import DocumentRenderError
from .data import DocumentData
from .text import blocks

#: The product's employment types as Google's (case-sensitive) values. An interim executive is
#: engaged for a limited time: TEMPORARY.
EMPLOYMENT_TYPES = {
    "full_time": "FULL_TIME",
    "part_time": "PART_TIME",
    "contract": "CONTRACTOR",
    "interim": "TEMPORARY",
}
#: The structured pay period as QuantitativeValue.unitText.
UNIT_TEXT = {"hour": "HOUR", "day": "DAY", "week": "WEEK", "month": "MONTH", "year": "YEAR"}

# Inside <script>, a field must not be able to close the element or open a comment: these three
# are written as JSON escapes (what Django's json_script does for application/json).
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _number(value: Decimal | int) -> int | float:
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def _text(value: str) -> str:
    """``value`` as HTML text between tags: only &, < and > need escaping there. Quotes stay as
    they are: Indeed's feed asks for no HTML entities it can do without (``indeed_feed``)."""
    return html.escape(value, quote=False)


def description_html(document: DocumentData) -> str:
    """The candidate-facing text as the simple HTML Google and Indeed read (p, ul, li),
    escaped."""
    parts = []
    for block in blocks(document):
        if block.kind == "title":
            continue
        if block.items:
            items = "".join(f"<li>{_text(item)}</li>" for item in block.items)
            parts.append(f"<ul>{items}</ul>")
        elif block.text:
            parts.append(f"<p>{_text(block.text)}</p>")
    return "".join(parts)


def job_posting(document: DocumentData, *, url: str = "", logo_url: str = "") -> dict:
    """The JobPosting for ``document``. ``url`` and ``logo_url`` are absolute addresses where the
    posting and the organisation's logo can be read publicly (a share link marked as the public
    posting); without them the data names neither."""
    if document.posting_date is None:
        raise DocumentRenderError(
            "Give the posting date first (Posting details → Dates and applying): job boards "
            "need the date the job was posted, and this export never invents one."
        )
    organisation = document.company or document.organisation.name
    if not organisation:
        raise DocumentRenderError(
            "Give the company (The role → Company): a job posting names its employer."
        )
    on_site = [loc for loc in document.locations if loc.arrangement != "remote"]
    remote = [loc for loc in document.locations if loc.arrangement == "remote"]
    if not document.locations:
        raise DocumentRenderError(
            "Add a work location (Posting details → Work locations): a job posting says where "
            "the work is done, or from which countries it can be done remotely."
        )
    posting = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": document.title,
        "description": description_html(document),
        "datePosted": document.posting_date.isoformat(),
        "hiringOrganization": {"@type": "Organization", "name": organisation},
        "directApply": False,
    }
    if url:
        posting["url"] = url
    if logo_url:
        posting["hiringOrganization"]["logo"] = logo_url
    if document.closing_date:
        posting["validThrough"] = f"{document.closing_date.isoformat()}T23:59:59"
    if document.employment_type in EMPLOYMENT_TYPES:
        posting["employmentType"] = EMPLOYMENT_TYPES[document.employment_type]
    if on_site:
        posting["jobLocation"] = [_place(location) for location in on_site]
    if remote:
        # Google: TELECOMMUTE only for fully remote work, always with where applicants may live;
        # a job that can be done from an office or remotely carries both.
        posting["jobLocationType"] = "TELECOMMUTE"
        posting["applicantLocationRequirements"] = [_area(location) for location in remote]
    if salary := _salary(document):
        posting["baseSalary"] = salary
    if document.requisition_id:
        posting["identifier"] = {
            "@type": "PropertyValue",
            "name": organisation,
            "value": document.requisition_id,
        }
    if document.education_required:
        posting["educationRequirements"] = {
            "@type": "EducationalOccupationalCredential",
            "credentialCategory": document.education_required,
        }
        if document.experience_in_place_of_education:
            posting["experienceInPlaceOfEducation"] = True
    if document.experience_months:
        posting["experienceRequirements"] = {
            "@type": "OccupationalExperienceRequirements",
            "monthsOfExperience": document.experience_months,
        }
    return posting


def _place(location) -> dict:
    address = {"@type": "PostalAddress", "addressCountry": location.country}
    if location.city:
        address["addressLocality"] = location.city
    if location.region:
        address["addressRegion"] = location.region
    return {"@type": "Place", "address": address}


def _area(location) -> dict:
    if location.region:
        return {"@type": "State", "name": f"{location.region}, {location.country}"}
    return {"@type": "Country", "name": location.country}


def _salary(document: DocumentData) -> dict | None:
    low, high = document.salary_min, document.salary_max
    if low is None and high is None:
        return None
    value = {"@type": "QuantitativeValue", "unitText": UNIT_TEXT[document.pay_period]}
    if low is not None and high is not None and low == high:
        value["value"] = _number(low)
    else:
        if low is not None:
            value["minValue"] = _number(low)
        if high is not None:
            value["maxValue"] = _number(high)
    return {"@type": "MonetaryAmount", "currency": document.salary_currency, "value": value}


def render_json_ld(document: DocumentData) -> bytes:
    return json.dumps(job_posting(document), ensure_ascii=False, indent=2).encode()


def json_ld_script(document: DocumentData, *, url: str = "", logo_url: str = "") -> SafeString:
    """The JSON-LD inside its <script> element, for a page: no field can end the element."""
    posting = job_posting(document, url=url, logo_url=logo_url)
    data = json.dumps(posting, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{data}</script>')

"""The public postings as Indeed's XML job feed (``<source>``, then one ``<job>`` per posting and
work location), as Indeed's XML feed reference describes it. Other job boards and careers-site
tools read the same format.

Written with lxml's incremental writer: element names are the code's, every value goes in through
the library, and each job value in CDATA, as Indeed asks. A CDATA section cannot hold ``]]>``, so
text that contains it is split there into two sections (``]]`` ends one, ``>`` starts the next),
which a parser reads back as the one text. Nothing here concatenates user text into XML.
"""

import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime

from lxml import etree

from .data import DocumentData, LocationItem
from .jobposting import description_html

#: The product's employment types as Indeed's ``jobtype`` values.
JOB_TYPES = {
    "full_time": "fulltime",
    "part_time": "parttime",
    "contract": "contract",
    "interim": "temporary",
}
#: Work arrangements as Indeed's ``remotetype`` values; an on-site job has none.
REMOTE_TYPES = {"remote": "Fully remote", "hybrid": "Hybrid remote"}

#: Every job carries these; the others (``city``, ``state``, ``postalcode``, ``salary``,
#: ``jobtype``, ``expirationdate``, ``remotetype``) only when the document says them.
REQUIRED_JOB_ELEMENTS = (
    "title",
    "date",
    "referencenumber",
    "requisitionid",
    "url",
    "company",
    "sourcename",
    "country",
    "description",
)


@dataclass(frozen=True)
class FeedPosting:
    """One public posting: the JD's number, the absolute address of its page, its document
    (the approved version)."""

    number: int
    url: str
    document: DocumentData


def reference_number(number: int, location: LocationItem) -> str:
    """What Indeed knows one job by: the JD's number and its work location's row id, neither
    of which an edit, a re-approval or a reordering changes."""
    return f"jdb-{number}-{location.id}"


def _cdata_sections(text: str) -> list[etree.CDATA]:
    """``text`` as CDATA sections, split inside every "]]>": "]]" ends one, ">" starts the
    next."""
    pieces = text.split("]]>")
    last = len(pieces) - 1
    return [
        etree.CDATA((">" if index else "") + piece + ("]]" if index < last else ""))
        for index, piece in enumerate(pieces)
    ]


def _job_values(posting: FeedPosting, location: LocationItem) -> list[tuple[str, str]]:
    document = posting.document
    employer = document.company or document.organisation.name
    values = [
        ("title", document.title),
        ("date", document.posting_date.isoformat() if document.posting_date else ""),
        ("referencenumber", reference_number(posting.number, location)),
        # The job code HR gave; without one, the JD's own number tracks the role (and all its
        # locations' jobs) just as well.
        ("requisitionid", document.requisition_id or f"JD-{posting.number}"),
        ("url", posting.url),
        ("company", employer),
        ("sourcename", document.organisation.name or employer),
        ("city", location.city),
        ("state", location.region),
        ("country", location.country),
        ("postalcode", location.postal_code),
        ("description", description_html(document)),
        ("salary", document.salary_range),
        ("jobtype", JOB_TYPES.get(document.employment_type, "")),
        # The last day applications are taken, as the JSON-LD's validThrough says it.
        (
            "expirationdate",
            f"{document.closing_date.isoformat()}T23:59:59" if document.closing_date else "",
        ),
        ("remotetype", REMOTE_TYPES.get(location.arrangement, "")),
    ]
    return [(name, value) for name, value in values if value or name in REQUIRED_JOB_ELEMENTS]


def render_indeed_feed(
    postings: Iterable[FeedPosting], *, publisher: str, publisher_url: str, built_at: datetime
) -> bytes:
    """The feed, UTF-8 encoded. ``built_at`` (aware) is its ``lastBuildDate``."""
    buffer = io.BytesIO()
    with etree.xmlfile(buffer, encoding="utf-8") as xml:
        xml.write_declaration()
        with xml.element("source"):
            for name, value in (
                ("publisher", publisher),
                ("publisherurl", publisher_url),
                # RFC 822, as RSS (where the element comes from) and Indeed's example write it.
                ("lastBuildDate", format_datetime(built_at, usegmt=True)),
            ):
                with xml.element(name):
                    xml.write(value)
            for posting in postings:
                for location in posting.document.locations:
                    with xml.element("job"):
                        for name, value in _job_values(posting, location):
                            with xml.element(name):
                                xml.write(*_cdata_sections(value))
    return buffer.getvalue()

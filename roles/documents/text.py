"""The job description as text for the places that take it pasted: plain text and Markdown for job
boards and ATS fields, and an HTML fragment for a careers page. All three walk ``blocks``, the
document in its one reading order (the same as the PDF's), so they cannot drift apart.
"""

import re
from dataclasses import dataclass

from django.template.loader import render_to_string

from .data import DRAFT_NOTE, DocumentData


@dataclass(frozen=True)
class Block:
    kind: str  # "title", "facts", "heading", "subheading", "paragraph", "list"
    text: str = ""
    items: tuple[str, ...] = ()
    #: The same list as a table (a header row, then one row an item), for the formats that
    #: have tables (Word). The text formats print ``items``.
    rows: tuple[tuple[str, ...], ...] = ()


KPI_COLUMNS = ("KPI", "How it is measured", "Target", "Review")


def facts(document: DocumentData) -> list[tuple[str, str]]:
    """The title block's facts, as (label, value), in the PDF's order."""
    pairs = [
        ("Company", document.company),
        ("Department", document.department),
        ("Location", document.location),
        ("Employment type", document.employment_type_label),
        ("Reports to", document.reports_to),
        ("Level", document.level_label),
        ("Pay", document.salary_range),
        ("Job code", document.requisition_id),
    ]
    return [(label, value) for label, value in pairs if value]


def blocks(document: DocumentData) -> list[Block]:
    """The document as headings, paragraphs and lists, in reading order."""
    out = [Block("title", document.title)]
    out.append(Block("facts", items=tuple(f"{label}: {value}" for label, value in facts(document))))
    out += [Block("heading", "About the role"), *_paragraphs(document.summary)]
    for label, text in (
        ("Scope", document.scope),
        ("Impact on the business", document.impact),
        ("Collaboration and stakeholders", document.collaboration),
    ):
        if text.strip():
            out += [Block("subheading", label), *_paragraphs(text)]
    if document.responsibilities:
        out += [
            Block("heading", "Key responsibilities"),
            Block("list", items=tuple(item.text for item in document.responsibilities)),
        ]
    if document.kpis:
        out += [
            Block("heading", "Key performance indicators"),
            Block(
                "list",
                items=tuple(
                    f"{kpi.name}: {kpi.measure}. Target: {kpi.target}. Review: "
                    f"{kpi.cadence_label.lower()}."
                    for kpi in document.kpis
                ),
                rows=(
                    KPI_COLUMNS,
                    *((k.name, k.measure, k.target, k.cadence_label) for k in document.kpis),
                ),
            ),
        ]
    required, preferred = document.required_qualifications, document.preferred_qualifications
    if required or preferred:
        out.append(Block("heading", "Qualifications"))
        for label, items in (("Required", required), ("Preferred", preferred)):
            if items:
                out += [
                    Block("subheading", label),
                    Block("list", items=tuple(i.text for i in items)),
                ]
    if document.benefits.strip() or document.other_compensation.strip():
        out.append(Block("heading", "Pay and benefits"))
        if document.salary_range:
            out.append(Block("paragraph", f"{document.salary_range}."))
        out += _paragraphs(document.other_compensation)
        if document.benefits.strip():
            out += [Block("subheading", "Benefits"), *_paragraphs(document.benefits)]
    apply = document.how_to_apply
    if apply:
        out += [Block("heading", "How to apply"), *(Block("paragraph", line) for line in apply)]
    organisation = document.organisation
    if organisation.about.strip():
        out += [
            Block("heading", f"About {organisation.name or 'us'}"),
            *_paragraphs(organisation.about),
        ]
    if organisation.equal_opportunity.strip():
        out += [Block("heading", "Equal opportunity"), *_paragraphs(organisation.equal_opportunity)]
    return out


def _text_blocks(document: DocumentData) -> list[Block]:
    """``blocks`` for the text formats: a draft says so on its first line (pasted into an ATS,
    it must not pass for the approved text; Word and the PDF say it in their footers)."""
    first = [Block("paragraph", f"{DRAFT_NOTE}.")] if document.is_unapproved_draft else []
    return first + blocks(document)


def _paragraphs(text: str) -> list[Block]:
    return [
        Block("paragraph", " ".join(part.split()))
        for part in re.split(r"\n\s*\n", text)
        if part.strip()
    ]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def render_text(document: DocumentData) -> bytes:
    """Plain text: headings in capitals, lists with bullets, paragraphs wrapped by the reader."""
    lines: list[str] = []
    for block in _text_blocks(document):
        if block.kind == "title":
            lines += [_one_line(block.text), ""]
        elif block.kind == "facts":
            lines += [*(_one_line(item) for item in block.items), ""]
        elif block.kind == "heading":
            lines += [_one_line(block.text).upper(), ""]
        elif block.kind == "subheading":
            lines += [_one_line(block.text), ""]
        elif block.kind == "paragraph":
            lines += [block.text, ""]
        else:
            lines += [*(f"• {_one_line(item)}" for item in block.items), ""]
    return ("\n".join(lines).rstrip() + "\n").encode()


# Markdown has no escaping function in any well-kept Python package (markdown-it and mistune
# parse; they do not write), so this is CommonMark's own rule: any ASCII punctuation may be
# escaped with a backslash. Escaped everywhere: what starts emphasis, code, links, raw HTML,
# entities and (GFM) tables and strikethrough. Escaped at the start of the text only: what starts
# a block there (a heading, a list, a thematic break). Every text is one line (``_one_line``)
# written after this module's own prefix, so no other line start exists. The rest (full stops,
# hyphens, parentheses) reads as typed: "Full-time (CEO)." stays as it is.
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_MARKDOWN_BLOCK_START = re.compile(r"^(\d+)([.)])|^([#+\-=])")


def markdown_escape(text: str) -> str:
    """``text`` as literal Markdown: every character that could start markup escaped."""
    text = _MARKDOWN_INLINE.sub(r"\\\1", _one_line(text))
    return _MARKDOWN_BLOCK_START.sub(
        lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text, count=1
    )


def render_markdown(document: DocumentData) -> bytes:
    lines: list[str] = []
    for block in _text_blocks(document):
        if block.kind == "title":
            lines += [f"# {markdown_escape(block.text)}", ""]
        elif block.kind == "facts":
            lines += [*(f"- {markdown_escape(item)}" for item in block.items), ""]
        elif block.kind == "heading":
            lines += [f"## {markdown_escape(block.text)}", ""]
        elif block.kind == "subheading":
            lines += [f"### {markdown_escape(block.text)}", ""]
        elif block.kind == "paragraph":
            lines += [markdown_escape(block.text), ""]
        else:
            lines += [*(f"- {markdown_escape(item)}" for item in block.items), ""]
    return ("\n".join(lines).rstrip() + "\n").encode()


def render_html_fragment(document: DocumentData) -> bytes:
    """Semantic, unstyled HTML for a careers page: no classes, no scripts, everything escaped."""
    html = render_to_string("roles/document_fragment.html", {"blocks": _text_blocks(document)})
    return html.encode()

"""Every format of the registry, with hostile text in every field: markup, the end of a script
element, template syntax, a control character and right-to-left marks arrive as text in each,
and break none of them."""

import dataclasses
import html.parser
import json
import re
import zipfile
from datetime import date
from io import BytesIO

import pytest
from markdown_it import MarkdownIt

from roles.documents.data import document_from_draft
from roles.documents.registry import EXPORTERS, export
from tests.helpers.data import make_draft
from tests.helpers.pdfs import pdf_text
from tests.helpers.word import read_docx

pytestmark = pytest.mark.django_db

#: What a person could paste: markup, the end of a <script>, template syntax, an ampersand, a
#: control character (bell) and right-to-left marks around a word.
HOSTILE = '<b>x</b></script><!-- {{ x }} {% debug %} & "q" \x07\u200fשלום\u200f end'
#: What every format must show: the same without the control character, which no format can
#: show (XML cannot even hold it).
SHOWN = HOSTILE.replace("\x07", "")
#: The pieces a PDF's text layer must give back as typed (its bidi layout may move the marks).
SHOWN_IN_PDF = ['<b>x</b></script><!-- {{ x }} {% debug %} & "q"', "end"]


@pytest.fixture
def hostile_document(alice):
    draft = make_draft(alice, company="Northwind", posting_date=date(2026, 12, 1))
    document = document_from_draft(draft)
    text_fields = [
        "title",
        "summary",
        "reports_to",
        "scope",
        "impact",
        "collaboration",
        "department",
        "benefits",
        "other_compensation",
        "apply_instructions",
        "requisition_id",
    ]
    document = dataclasses.replace(document, **{name: HOSTILE for name in text_fields})
    return dataclasses.replace(
        document,
        responsibilities=tuple(
            dataclasses.replace(item, text=HOSTILE) for item in document.responsibilities
        ),
        kpis=tuple(
            dataclasses.replace(kpi, name=HOSTILE, measure=HOSTILE, target=HOSTILE)
            for kpi in document.kpis
        ),
        qualifications=tuple(
            dataclasses.replace(item, text=HOSTILE) for item in document.qualifications
        ),
        locations=tuple(
            dataclasses.replace(location, city=HOSTILE) for location in document.locations
        ),
        organisation=dataclasses.replace(
            document.organisation, name=HOSTILE, about=HOSTILE, equal_opportunity=HOSTILE
        ),
    )


def hostile_places(document) -> int:
    """How many times each format prints the hostile text: once per field that carries it."""
    paragraphs = 9  # summary, scope, impact, collaboration, benefits, other pay, how to apply,
    # about the organisation, equal opportunity
    facts = 4  # department, location (its city), reports to, job code
    items = len(document.responsibilities) + len(document.qualifications)
    kpis = len(document.kpis) * 3  # name, measure, target: one line of text, or three cells
    headings = 1  # "About <organisation name>"
    title = 1
    return title + facts + paragraphs + items + kpis + headings


class _TextOnly(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        raise AssertionError(f"a comment was opened: {data!r}")


def shown_texts(format_name: str, content: bytes) -> list[str]:
    """The texts a person would see in ``content``, read back the way its readers read it."""
    if format_name == "pdf":
        return [pdf_text(content)]
    if format_name == "docx":
        word = read_docx(content)
        cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
        return [p.text for p in word.paragraphs] + cells
    if format_name == "txt":
        return content.decode().splitlines()
    if format_name == "md":
        tokens = MarkdownIt("commonmark").parse(content.decode())
        assert {t.type for t in tokens} <= {
            "heading_open", "heading_close", "paragraph_open", "paragraph_close", "inline",
            "bullet_list_open", "bullet_list_close", "list_item_open", "list_item_close",
        }  # fmt: skip
        inline = [t for t in tokens if t.type == "inline"]
        for token in inline:
            assert {c.type for c in token.children} <= {"text", "softbreak"}, token.children
        return ["".join(c.content for c in t.children) for t in inline]
    if format_name == "html":
        parser = _TextOnly()
        parser.feed(content.decode())
        assert {tag for tag, _ in parser.tags} <= {"article", "h1", "h2", "h3", "p", "ul", "li"}
        assert all(not attrs for _, attrs in parser.tags)
        return parser.text
    if format_name == "jsonld":
        posting = json.loads(content)
        description = _TextOnly()
        description.feed(posting["description"])
        assert {tag for tag, _ in description.tags} <= {"p", "ul", "li"}
        return [posting["title"], posting["hiringOrganization"]["name"], *description.text]
    raise AssertionError(f"no reader for {format_name}")


@pytest.mark.parametrize("format_name", list(EXPORTERS))
def test_hostile_text_in_every_field_arrives_as_text(hostile_document, format_name):
    content = export(format_name, hostile_document).content
    texts = shown_texts(format_name, content)
    joined = "\n".join(texts)
    assert "\x07" not in joined
    if format_name == "pdf":
        # Compared without white space: a narrow KPI column wraps the text (after "</", say),
        # and the text layer gives each line break back as a space.
        squeezed = re.sub(r"\s+", "", joined)
        for piece in SHOWN_IN_PDF:
            count = squeezed.count(re.sub(r"\s+", "", piece))
            assert count >= hostile_places(hostile_document) - 2, piece
        return
    # Every field, each exactly as typed, as often as the fields were set.
    # (Plain text sets headings in capitals: "ABOUT <B>X</B>…" is the organisation's name.)
    capitals = 1 if format_name == "txt" else 0
    assert SHOWN.upper() in joined or not capitals
    assert joined.count(SHOWN) == hostile_places(hostile_document) - capitals, texts[:5]
    if format_name == "docx":
        with zipfile.ZipFile(BytesIO(content)) as package:
            xml = package.read("word/document.xml").decode()
        assert "<b>" not in xml and "&lt;b&gt;x&lt;/b&gt;" in xml


def test_every_format_is_tested_here():
    assert set(EXPORTERS) == {"pdf", "docx", "txt", "md", "html", "jsonld"}
    assert re.fullmatch(r"[a-z]+", "".join(EXPORTERS))

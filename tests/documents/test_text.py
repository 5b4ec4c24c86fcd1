"""Plain text, Markdown and the careers-page HTML fragment: the document's order, and hostile text
arriving as text in each."""

import html.parser

import pytest
from django.urls import reverse
from django.utils.html import escape

from roles.documents.data import document_from_draft
from roles.documents.registry import export
from roles.documents.text import markdown_escape
from tests.helpers.data import director_template, make_draft
from tests.helpers.pdfs import assert_in_order

pytestmark = pytest.mark.django_db

HOSTILE = (
    "<script>alert(1)</script> </script> {{ x }} {% debug %} *bold* [link](http://x) # & \u202eRTL"
)
ORDER = [
    "VP of Operations",
    "About the role",
    "Scope",
    "Key responsibilities",
    "Key performance indicators",
    "Qualifications",
    "Required",
    "Preferred",
    "Pay and benefits",
    "Benefits",
    "Equal opportunity",
]


@pytest.mark.parametrize("format_name", ["txt", "md", "html"])
def test_each_text_format_follows_the_documents_order(alice, format_name):
    document = document_from_draft(make_draft(alice, company="Northwind Logistics"))
    exported = export(format_name, document)
    text = exported.content.decode()
    headings = [h.upper() if format_name == "txt" and h in _TXT_CAPS else h for h in ORDER]
    assert_in_order(text, headings)
    written = {"txt": str, "md": markdown_escape, "html": escape}[format_name]
    for item in document.responsibilities:
        assert written(item.text) in text
    assert exported.filename == f"vp-of-operations.{format_name}"


_TXT_CAPS = {
    "About the role",
    "Key responsibilities",
    "Key performance indicators",
    "Qualifications",
    "Pay and benefits",
    "Equal opportunity",
}


def test_plain_text_reads_without_markup(alice):
    text = export("txt", document_from_draft(make_draft(alice, title=HOSTILE))).content.decode()
    assert text.startswith(HOSTILE + "\n")
    assert "• Set the company-wide operations strategy" in text


@pytest.mark.parametrize(
    ("typed", "escaped"),
    [
        ("*bold* _it_", r"\*bold\* \_it\_"),
        ("[link](http://x)", r"\[link\](http://x)"),
        ("# not a heading", r"\# not a heading"),
        ("1. not a list", r"1\. not a list"),
        ("12) nor this", r"12\) nor this"),
        ("- nor a bullet", r"\- nor a bullet"),
        ("+ nor this", r"\+ nor this"),
        ("=== not a heading line", r"\=== not a heading line"),
        ("<b>&amp;</b>", r"\<b\>\&amp;\</b\>"),
        ("`code` ~~gone~~ a|b", r"\`code\` \~\~gone\~\~ a\|b"),
        ("line one\n# line two", r"line one # line two"),
        ("Full-time (CEO). Step 2. Done!", "Full-time (CEO). Step 2. Done!"),
    ],
)
def test_markdown_escapes_everything_that_could_be_markup(typed, escaped):
    assert markdown_escape(typed) == escaped
    # ...and a CommonMark parser gives the text back as typed, in one plain paragraph.
    from markdown_it import MarkdownIt

    parsed = _Elements()
    parsed.feed(MarkdownIt("commonmark").render(f"{escaped}\n"))
    assert [tag for tag, _ in parsed.tags] == ["p"]
    assert "".join(parsed.text).strip() == " ".join(typed.split())


class _Elements(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


def test_the_html_fragment_is_semantic_unstyled_and_escaped(alice):
    draft = make_draft(alice, template=director_template(), title=HOSTILE, summary=HOSTILE)
    fragment = export("html", document_from_draft(draft)).content.decode()
    parsed = _Elements()
    parsed.feed(fragment)
    tags = {tag for tag, _ in parsed.tags}
    assert tags <= {"article", "h1", "h2", "h3", "p", "ul", "li"}
    assert all(attrs == [] for _, attrs in parsed.tags)  # no classes, styles or scripts
    assert "script" not in tags
    assert HOSTILE in "".join(parsed.text)


def test_every_format_is_in_the_download_menu_and_served(alice, alice_client):
    draft = make_draft(alice)
    page = alice_client.get(draft.get_absolute_url()).content.decode()
    for name in ("pdf", "txt", "md", "html"):
        url = reverse("roles:download", args=[draft.pk, name])
        assert f'href="{url}"' in page
    response = alice_client.get(reverse("roles:download", args=[draft.pk, "md"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert 'filename="vp-of-operations.md"' in response["Content-Disposition"]
    preview = alice_client.get(reverse("roles:preview", args=[draft.pk])).content.decode()
    assert reverse("roles:download", args=[draft.pk, "txt"]) in preview


def test_markdown_renders_back_to_the_text_as_typed(alice):
    """Through a real CommonMark parser (markdown-it): the hostile title comes out as text, and no
    element but the document's own headings, paragraphs and lists is made."""
    from markdown_it import MarkdownIt

    draft = make_draft(alice, title=HOSTILE, summary=HOSTILE)
    rendered = MarkdownIt("commonmark").render(
        export("md", document_from_draft(draft)).content.decode()
    )
    parsed = _Elements()
    parsed.feed(rendered)
    assert {tag for tag, _ in parsed.tags} <= {"h1", "h2", "h3", "p", "ul", "li"}
    assert HOSTILE in "".join(parsed.text)


def test_every_format_prints_the_same_how_to_apply(alice):
    import datetime

    from roles.documents.html import render_html

    draft = make_draft(
        alice,
        apply_url="https://jobs.example.com/1",
        closing_date=datetime.date(2027, 1, 31),
        ai_screening="no",
        existing_vacancy="yes",
    )
    document = document_from_draft(draft)
    lines = document.how_to_apply
    assert lines == (
        "Apply at https://jobs.example.com/1",
        "Applications close on 31 January 2027.",
        "This posting is for an existing vacancy.",
        "We do not use artificial intelligence to screen, assess or select applicants.",
    )
    text = export("txt", document).content.decode()
    page = render_html(document)
    for line in lines:
        assert line in text
        assert escape(line) in page

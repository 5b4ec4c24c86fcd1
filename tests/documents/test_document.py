"""The PDF as candidates see it: complete, tagged, branded, printable in any script, and safe."""

import http.server
import re
import threading
import urllib.request

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roles.documents import pdf as pdf_module
from roles.documents.data import document_from_draft
from roles.documents.html import fingerprint, render_html
from roles.documents.pdf import layout, write_pdf
from roles.models import ITEM_LISTS, Level, OrganisationProfile, PaperSize
from roles.services.documents import (
    _pdf_source_key,
    document_for_export,
    document_status_note,
    jobdescription_prerender,
)
from roles.services.drafts import ItemValues, jobdescription_save
from roles.uploads import clean_logo, logo_png_copy
from tests.helpers.data import director_template, make_draft, png_bytes
from tests.helpers.pages import editor_values
from tests.helpers.pdfs import assert_in_order, draft_pdf, font_names, pdf_text, read_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    profile = OrganisationProfile.load()
    profile.name = "Northwind Logistics"
    profile.about = "Northwind moves forty million parcels a year."
    profile.save()
    return profile


def test_sections_come_in_the_order_a_candidate_reads(alice, organisation):
    draft = make_draft(alice, company="Northwind Logistics", location="Chicago, IL")
    text = pdf_text(draft_pdf(draft))
    assert_in_order(
        text,
        [
            "VP of Operations",
            "REPORTS TO",
            "About the role",
            "Key responsibilities",
            "Key performance indicators",
            "Qualifications",
            "About Northwind Logistics",
            "Northwind moves forty million parcels a year.",
            "Equal opportunity",
            "We are an equal opportunity employer.",
        ],
    )


@pytest.mark.parametrize("template", [None, director_template], ids=["vp", "director"])
def test_tagged_with_metadata_and_running_header(alice, organisation, template):
    draft = make_draft(alice, template=template() if template else None, company="Northwind")
    data = draft_pdf(draft)
    reader = read_pdf(data)
    assert 2 <= len(reader.pages) <= 3
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en"
    assert "/Outlines" in root  # bookmarks from the headings
    assert reader.metadata.title == f"{draft.title} – Northwind"
    assert reader.metadata.author == "Northwind Logistics"
    first, second = (page.extract_text() for page in reader.pages[:2])
    assert f"Page 1 of {len(reader.pages)}" in first
    assert f"Northwind · {draft.title}" not in first
    assert f"Northwind · {draft.title}" in second
    assert f"Page 2 of {len(reader.pages)}" in second


def test_paper_size_follows_the_organisation(alice, organisation):
    draft = make_draft(alice)
    a4 = read_pdf(draft_pdf(draft)).pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)
    organisation.paper_size = PaperSize.LETTER
    organisation.save()
    letter = read_pdf(draft_pdf(draft)).pages[0].mediabox
    assert (round(float(letter.width)), round(float(letter.height))) == (612, 792)


def text_widths(html: str) -> list[tuple[str, float]]:
    """Each run of text on the first page with its width, as WeasyPrint lays it out."""

    def walk(box):
        yield box
        for child in getattr(box, "children", None) or []:
            yield from walk(child)

    page = layout(html).pages[0]._page_box
    return [(box.text, box.width) for box in walk(page) if type(box).__name__ == "TextBox"]


def test_figures_are_tabular_only_in_the_kpi_targets():
    """Tabular figures (all the same width) only where numbers line up, the KPI targets: Inter's
    tabular forms widen the hyphen too, which printed "day-to-day" as "day - to - day"."""
    proportional = 'style="font-variant-numeric: normal"'
    runs = text_widths(
        '<html lang="en"><body><article class="jd">'
        f"<p>day-to-day 2011</p><p {proportional}>day-to-day 2011</p>"
        '<table class="jd-kpi-table"><tr><td class="jd-target">11-111</td></tr>'
        f'<tr><td class="jd-target" {proportional}>11-111</td></tr></table>'
        "</article></body></html>"
    )
    (_, running_text), (_, running_text_proportional), (_, target), (_, target_proportional) = [
        run for run in runs if not run[0].startswith("Page ")
    ]
    assert running_text == pytest.approx(running_text_proportional)
    assert target > target_proportional * 1.05


def test_logo_is_printed_with_alt_text(alice, organisation, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    organisation.logo = clean_logo(SimpleUploadedFile("logo.png", png_bytes()))
    organisation.save()
    draft = make_draft(alice)
    html = render_html(document_from_draft(draft))
    assert 'alt="Northwind Logistics logo"' in html
    page = read_pdf(draft_pdf(draft)).pages[0]
    assert len(page.images) == 1


def test_the_preview_shows_the_logo_from_the_apps_own_url(
    alice_client, alice, organisation, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        b'<rect width="10" height="5"/></svg>'
    )
    organisation.logo = clean_logo(SimpleUploadedFile("mark.svg", svg))
    organisation.logo_png = logo_png_copy(organisation.logo)
    organisation.save()
    page = alice_client.get(f"/drafts/{make_draft(alice).pk}/preview/").content.decode()
    src = re.search(r'<img class="jd-logo" src="([^"]+)"', page).group(1)
    logo = alice_client.get(src)
    assert logo.status_code == 200
    # Browsers get the PNG copy, never the SVG (tests/views/test_logos.py).
    assert logo["Content-Type"] == "image/png"
    assert b"".join(logo.streaming_content).startswith(b"\x89PNG")
    organisation.logo = clean_logo(SimpleUploadedFile("new.png", png_bytes()))
    organisation.save()
    page = alice_client.get(f"/drafts/{make_draft(alice).pk}/preview/").content.decode()
    assert src not in page  # a new logo, a new URL: browsers do not show the cached old one


def test_any_script_prints_as_text_in_embedded_fonts(alice):
    draft = make_draft(
        alice,
        title="Directrice des Opérations 运营总监",
        company="Ørsted Łódź",
        location="תל אביב",
        department="العمليات",
    )
    draft.responsibilities.create(text="Lead the launch team 🚀 with a smile", position=99)
    data = draft_pdf(draft)
    text = pdf_text(data)
    assert "Directrice des Opérations 运营总监" in text
    assert "ØRSTED ŁÓDŹ" in text
    assert "🚀" in text
    fonts = font_names(data)
    for family in ("Inter", "Noto-Sans-SC", "Noto-Sans-Arabic", "Noto-Sans-Hebrew", "Noto-Emoji"):
        assert any(family in name for name in fonts), (family, fonts)
    assert all(fonts.values()), fonts


@pytest.mark.parametrize(
    ("text", "named"),
    [("Ops\x07Lead", "U+0007 (a control character)"), ("ꦄꦏ", "U+A984 (JAVANESE LETTER A)")],
)
def test_the_editor_refuses_what_the_pdf_cannot_print(alice_client, alice, text, named):
    draft = make_draft(alice)
    values = editor_values(alice_client, draft) | {"title": text, "responsibilities-0-text": text}
    page = alice_client.post(draft.get_absolute_url(), values).content.decode()
    assert f"The PDF cannot print {named}" in page
    assert "Responsibility 1 – Responsibility: The PDF cannot print" in page
    draft.refresh_from_db()
    assert draft.title == "VP of Operations"


class CanaryHandler(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):
        CanaryHandler.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, *args):
        pass


@pytest.fixture
def canary():
    CanaryHandler.requests = []
    server = http.server.HTTPServer(("127.0.0.1", 0), CanaryHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_user_text_never_makes_the_renderer_fetch_anything(alice, canary):
    payloads = [
        f'<img src="{canary}/img.png">',
        f'<link rel="stylesheet" href="{canary}/s.css">',
        '<link rel="attachment" href="file:///etc/passwd">',
        f"<style>@import url({canary}/i.css);</style>",
        f'<p style="background:url({canary}/bg.png)">x</p>',
        f'<svg><image href="{canary}/svg.png"/></svg>',
    ]
    draft = make_draft(alice, title=payloads[0], summary=" ".join(payloads))
    draft.responsibilities.all().delete()
    for position, payload in enumerate(payloads):
        draft.responsibilities.create(text=payload, position=position)
    # The canary answers and records what it is asked, so silence below means nothing asked.
    urllib.request.urlopen(f"{canary}/probe", timeout=5).read()
    assert CanaryHandler.requests == ["/probe"]
    CanaryHandler.requests.clear()
    data = draft_pdf(draft)
    assert CanaryHandler.requests == []
    text = pdf_text(data)
    for payload in payloads:
        assert payload.replace(" ", "") in text.replace(" ", "")
    assert "root:x:0:0" not in text
    assert b"/EmbeddedFile" not in data
    # The same HTML as markup, were it ever unescaped, still fetches nothing.
    write_pdf(f"<html lang=en><title>t</title><body>{''.join(payloads)}</body></html>")
    assert CanaryHandler.requests == []


def test_pdfs_are_cached_by_content_and_served_with_an_etag(alice_client, alice):
    cache.clear()
    draft = make_draft(alice)
    url = f"/drafts/{draft.pk}/download/pdf/"
    first = alice_client.get(url)
    etag = first["ETag"]
    assert etag.startswith('"') and len(etag) == 34
    key = fingerprint(render_html(document_for_export(draft)))
    assert cache.get(f"pdf:{key}") == first.content
    assert alice_client.get(url)["ETag"] == etag

    not_modified = alice_client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304
    assert not_modified.content == b""

    draft.title = "VP of Operations, EMEA"
    draft.save()
    changed = alice_client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "VP of Operations, EMEA" in pdf_text(changed.content)


def test_a_cached_pdf_is_found_again_without_the_draft_lists_and_follows_every_source(
    alice_client, alice
):
    """The second download of a cached PDF finds it by what the document is made from, without
    reading the draft's lists; a change to the level, the organisation or a list (a new
    version) is a new PDF."""
    cache.clear()
    draft = make_draft(alice)
    url = f"/drafts/{draft.pk}/download/pdf/"
    first = alice_client.get(url)
    with CaptureQueriesContext(connection) as queries:
        again = alice_client.get(url)
    assert again.content == first.content
    item_tables = [model._meta.db_table for *_, model in ITEM_LISTS]
    read = " ".join(query["sql"] for query in queries.captured_queries)
    assert not [table for table in item_tables if table in read], read

    Level.objects.filter(pk=draft.level.pk).update(name="Senior Vice President")
    assert "Senior Vice President" in pdf_text(alice_client.get(url).content)

    OrganisationProfile.objects.update(about="Contoso moves freight across three continents.")
    assert "three continents" in pdf_text(alice_client.get(url).content)

    draft.refresh_from_db()
    version = draft.version
    saved = jobdescription_save(
        job_description=draft,
        fields={},
        items={
            "responsibilities": [
                ItemValues(id=None, values={"text": "Run the quarterly network review."})
            ]
        },
        expected_version=draft.version,
        user=alice,
    )
    text = pdf_text(alice_client.get(url).content)
    assert saved.version == version + 1
    assert "Run the quarterly network review." in text


def test_the_workers_render_is_found_by_another_process_of_the_same_deployment_only(
    alice_client, alice, monkeypatch
):
    """The task worker renders after a save; a web process that never rendered that document
    finds the PDF through the shared cache, without the draft's lists or a render. A deployment
    whose document code differs finds nothing there and renders its own."""
    cache.clear()
    draft = make_draft(alice)
    jobdescription_prerender(job_description_id=draft.pk, version=draft.version)
    # The download below is served as by a web process that rendered nothing itself.

    def no_render(*args, **kwargs):
        raise AssertionError("rendered again")

    monkeypatch.setattr(pdf_module, "write_pdf", no_render)
    url = f"/drafts/{draft.pk}/download/pdf/"
    with CaptureQueriesContext(connection) as queries:
        served = alice_client.get(url)
    assert served.status_code == 200 and "VP of Operations" in pdf_text(served.content)
    read = " ".join(query["sql"] for query in queries.captured_queries)
    assert not [model for *_, model in ITEM_LISTS if model._meta.db_table in read], read

    monkeypatch.setattr(pdf_module, "document_code_digest", lambda: "another-deployment")
    draft.refresh_from_db()
    source = _pdf_source_key(draft, OrganisationProfile.load(), document_status_note(draft))
    assert pdf_module.cached_pdf(source) is None


def test_organisation_changes_change_the_pdf(alice, organisation):
    draft = make_draft(alice)
    before = fingerprint(render_html(document_from_draft(draft)))
    organisation.accent_colour = "#7a1f5c"
    organisation.save()
    after = fingerprint(render_html(document_from_draft(draft)))
    assert before != after


def test_the_preview_shows_the_same_document_as_the_pdf(alice_client, alice, organisation):
    organisation.accent_colour = "#7a1f5c"
    organisation.save()
    draft = make_draft(alice, company="Northwind")
    response = alice_client.get(f"/drafts/{draft.pk}/preview/")
    page = response.content.decode()
    assert ".jd { --jd-accent: #7a1f5c; }" in page
    assert "About Northwind Logistics" in page
    assert "Equal opportunity" in page
    assert "roles/document.css" in page
    pdf = pdf_text(draft_pdf(draft))
    assert "About Northwind Logistics" in pdf and "Equal opportunity" in pdf
    # The accent is the one inline style, allowed by the page's CSP nonce.
    nonce = page.split('<style nonce="', 1)[1].split('"', 1)[0]
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]

"""The Word export read back: with python-docx (styles, lists, the KPI table, properties, fields,
the logo and its alt text), its Open XML in the schema's order, and through LibreOffice, which
must open it and print the same text in the same order."""

import re
import zipfile
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from lxml import etree

from roles.documents import openxml
from roles.documents.data import document_from_draft
from roles.documents.registry import export
from roles.documents.text import KPI_COLUMNS, blocks
from roles.documents.word import render_docx
from roles.models import OrganisationProfile
from tests.helpers.data import director_template, make_draft, organisation_profile_data, png_bytes
from tests.helpers.pdfs import assert_in_order, font_names, pdf_text
from tests.helpers.word import libreoffice_pdf, read_docx

pytestmark = pytest.mark.django_db

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HOSTILE = "<script>alert(1)</script> </script> & {{ x }} {% debug %} \u202eRTL\u200f \x07\x0bend"
SVG_LOGO = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 50">'
    b'<rect width="200" height="50" fill="#0f4c81"/></svg>'
)


def docx_of(draft) -> bytes:
    return render_docx(document_from_draft(draft))


def test_headings_lists_and_the_kpi_table_are_real_word_structure(alice):
    draft = make_draft(alice, company="Northwind Logistics")
    document = document_from_draft(draft)
    word = read_docx(render_docx(document))
    styled = [(p.style.name, p.text) for p in word.paragraphs if p.text]

    # Headings carry Word's heading styles (the navigation pane lists them), in the order of
    # the document's blocks, and nothing else does.
    expected_headings = [
        ({"title": "Heading 1", "heading": "Heading 2", "subheading": "Heading 3"}[b.kind], b.text)
        for b in blocks(document)
        if b.kind in ("title", "heading", "subheading")
    ]
    assert [(s, t) for s, t in styled if s.startswith("Heading")] == expected_headings
    assert expected_headings[0] == ("Heading 1", "VP of Operations")

    # Lists are "List Bullet" paragraphs: every responsibility and qualification, in order.
    bullets = [t for s, t in styled if s == "List Bullet"]
    expected_bullets = [
        item for b in blocks(document) if b.kind == "list" and not b.rows for item in b.items
    ]
    assert bullets == expected_bullets
    assert bullets[0] == document.responsibilities[0].text

    # The KPIs are one table: a header row that repeats on every page, then one row a KPI.
    (table,) = word.tables
    rows = [tuple(cell.text for cell in row.cells) for row in table.rows]
    assert rows[0] == KPI_COLUMNS
    assert rows[1:] == [(k.name, k.measure, k.target, k.cadence_label) for k in document.kpis]
    header_properties = table.rows[0]._tr.trPr
    assert header_properties.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)

    # The facts of the title block, label in bold.
    facts = [p for p in word.paragraphs if p.text.startswith("Company: ")]
    assert facts[0].runs[0].bold and facts[0].runs[1].text == "Northwind Logistics"


def test_properties_header_footer_fonts_and_language(alice):
    draft = make_draft(alice, company="Northwind Logistics")
    OrganisationProfile.objects.update(name="Northwind", paper_size="letter")
    data = render_docx(document_from_draft(draft))
    word = read_docx(data)

    properties = word.core_properties
    assert properties.title == "VP of Operations"
    assert properties.subject == "Job description: Vice President"
    assert properties.author == properties.last_modified_by == "Northwind"
    assert properties.language == "en-US"

    section = word.sections[0]
    assert (section.page_width.inches, section.page_height.inches) == (8.5, 11)
    assert section.header.paragraphs[0].text == "Northwind Logistics · VP of Operations"
    footer = section.footer.paragraphs[0]._p
    instructions = [t.text.strip() for t in footer.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert [c.get(qn("w:fldCharType")) for c in footer.iter(qn("w:fldChar"))] == [
        "begin",
        "separate",
        "end",
    ] * 2

    # Arial everywhere (a DOCX carries no fonts), the theme's fonts removed from the headings.
    styles = word.styles.element
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Header", "Footer"):
        fonts = word.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:hAnsi")) == "Arial", name
        assert fonts.get(qn("w:asciiTheme")) is None, name
    default_language = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert default_language.get(qn("w:val")) == "en-US"
    assert default_language.get(qn("w:bidi")) is None  # right-to-left text keeps its own
    # Complex-script (Hebrew, Arabic) text is as large and as bold as the Latin beside it.
    heading = word.styles["Heading 1"].element.rPr
    assert heading.find(qn("w:szCs")).get(qn("w:val")) == "40"
    assert heading.find(qn("w:bCs")) is not None


def test_headings_take_the_accent_colour_of_the_organisation_at_each_export(alice):
    """The styled empty file is made once a colour (``word._styled_template``): a new colour
    makes a new one, and an old colour comes back as it was."""
    draft = make_draft(alice)
    colours = []
    for accent in ("#0F4C81", "#8A1538", "#0F4C81"):
        OrganisationProfile.objects.update(accent_colour=accent)
        word = read_docx(render_docx(document_from_draft(draft, OrganisationProfile.load())))
        heading = word.styles["Heading 2"].font.color.rgb
        colours.append((str(heading), str(word.styles["Heading 3"].font.color.rgb)))
    assert colours == [("0F4C81", "222222"), ("8A1538", "222222"), ("0F4C81", "222222")]


def test_every_element_we_write_is_where_the_schema_puts_it(alice, tmp_path, settings):
    """Word rejects out-of-order children (LibreOffice does not): check every property element
    in the document and its styles against the sequence ``openxml`` inserts by."""
    settings.MEDIA_ROOT = tmp_path
    profile = OrganisationProfile.load()
    profile.logo.save("logo.png", BytesIO(png_bytes()), save=True)
    with zipfile.ZipFile(BytesIO(docx_of(make_draft(alice)))) as package:
        parts = [package.read(name) for name in ("word/document.xml", "word/styles.xml")]
    checked = 0
    for part in parts:
        for element in etree.fromstring(part).iter():
            sequence = openxml.SEQUENCES.get(openxml.local_name(element))
            if sequence is None or not element.tag.startswith(W):
                continue
            names = [openxml.local_name(child) for child in element]
            assert all(name in sequence for name in names), names
            assert names == sorted(names, key=sequence.index), names
            checked += 1
    assert checked > 100


def test_insert_in_order_puts_each_element_in_its_place_and_replaces_its_namesake():
    row_properties = parse_xml(
        '<w:trPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:trHeight w:val="400"/><w:jc w:val="center"/></w:trPr>'
    )
    for name in ("tblHeader", "cantSplit", "tblHeader", "cnfStyle"):
        openxml.insert_in_order(row_properties, OxmlElement(f"w:{name}"), openxml.ROW_PROPERTIES)
    assert [openxml.local_name(c) for c in row_properties] == [
        "cnfStyle",
        "cantSplit",
        "trHeight",
        "tblHeader",
        "jc",
    ]


def test_a_png_logo_goes_in_with_alt_text(alice, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    profile = OrganisationProfile.load()
    profile.name = "Northwind"
    profile.logo.save("logo.png", BytesIO(png_bytes(400, 100)), save=True)
    word = read_docx(docx_of(make_draft(alice)))
    (picture,) = word.inline_shapes
    assert picture._inline.docPr.get("descr") == "Northwind logo"
    assert picture._inline.docPr.get("title") is None  # or screen readers say it twice
    assert round(picture.width / picture.height) == 4  # its proportions kept


def test_an_svg_logo_gets_a_png_copy_at_upload_which_the_word_file_carries(
    admin_client, alice, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    profile = OrganisationProfile.load()
    url = reverse("admin:roles_organisationprofile_change", args=[profile.pk])
    upload = SimpleUploadedFile("mark.svg", SVG_LOGO, content_type="image/svg+xml")
    response = admin_client.post(url, organisation_profile_data(logo=upload))
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.logo.name.endswith(".svg") and profile.logo_png.name.endswith(".png")
    assert profile.logo_png.read().startswith(b"\x89PNG")

    word = read_docx(docx_of(make_draft(alice)))
    (picture,) = word.inline_shapes
    assert picture._inline.docPr.get("descr") == "Contoso logo"
    blip = picture._inline.graphic.graphicData.pic.blipFill.blip
    assert word.part.related_parts[blip.embed].content_type == "image/png"

    # A PNG logo replacing it leaves no stale copy behind.
    png = SimpleUploadedFile("mark.png", png_bytes(), content_type="image/png")
    assert admin_client.post(url, organisation_profile_data(logo=png)).status_code == 302
    profile.refresh_from_db()
    assert profile.logo.name.endswith(".png") and not profile.logo_png


def test_hostile_text_arrives_as_text(alice):
    draft = make_draft(alice, title=HOSTILE, company=HOSTILE, summary=HOSTILE)
    draft.responsibilities.update(text=HOSTILE)
    data = docx_of(draft)
    word = read_docx(data)
    typed = re.sub("[\x07\x0b]", "", HOSTILE)  # XML cannot hold these two; nothing else lost
    assert word.paragraphs[0].text == typed
    assert word.core_properties.title == typed
    assert sum(p.text == typed for p in word.paragraphs) >= 3
    assert word.sections[0].header.paragraphs[0].text == f"{typed} · {typed}"


def test_the_download_url_serves_the_word_file(alice_client, alice):
    draft = make_draft(alice)
    response = alice_client.get(reverse("roles:download", args=[draft.pk, "docx"]))
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert 'filename="vp-of-operations.docx"' in response["Content-Disposition"]
    assert read_docx(response.content).paragraphs[0].text == "VP of Operations"


@pytest.mark.libreoffice
@pytest.mark.parametrize("template", ["vp", "director"])
def test_libreoffice_opens_it_and_prints_the_same_text_in_the_same_order(alice, template):
    draft = make_draft(alice, director_template() if template == "director" else None)
    document = document_from_draft(draft)
    pdf = libreoffice_pdf(render_docx(document))
    # A line that breaks after a hyphen in a narrow table cell ("company-⏎wide") reads back
    # with a space there.
    text = re.sub(r"(?<=\w-) (?=\w)", "", pdf_text(pdf))

    expected = []
    for block in blocks(document):
        if block.rows:
            expected += [cell for row in block.rows for cell in row]
        else:
            expected += [block.text] if block.text else list(block.items)
    assert_in_order(text, [" ".join(part.split()) for part in expected])
    pages = len(re.findall(r"Page \d+ of (\d+)", text))
    assert pages >= 2 and f"Page {pages} of {pages}" in text
    # Arial, laid out by LibreOffice with Liberation Sans (Arial's metrics), embedded; the
    # bullets are the list style's Symbol bullet, which LibreOffice draws with OpenSymbol.
    fonts = font_names(pdf)
    text_fonts = {name.split("+")[-1] for name in fonts} - {"OpenSymbol"}
    assert text_fonts == {"LiberationSans", "LiberationSans-Bold"}, fonts
    assert all(fonts.values())


@pytest.mark.libreoffice
def test_libreoffice_opens_hostile_text_and_a_logo(alice, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    profile = OrganisationProfile.load()
    profile.logo.save("logo.png", BytesIO(png_bytes()), save=True)
    draft = make_draft(alice, title=HOSTILE)
    text = pdf_text(libreoffice_pdf(export("docx", document_from_draft(draft)).content))
    assert "<script>alert(1)</script> </script> & {{ x }} {% debug %}" in text

import pytest

from roles.documents.fetcher import DOCUMENT_ORIGIN, DocumentFetchError, StaticFilesURLFetcher
from tests.helpers.data import director_template, make_draft, vp_template
from tests.helpers.pdfs import assert_in_order, draft_pdf, font_names, pdf_text, read_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def vp_draft(alice):
    return make_draft(
        alice,
        company="Northwind Logistics",
        department="Operations",
        location="Chicago, IL",
        salary_min=185_000,
        salary_max=230_000,
    )


@pytest.mark.parametrize("template", [vp_template, director_template], ids=["vp", "director"])
def test_full_documents_read_back_complete_and_in_order(alice, template):
    draft = make_draft(alice, template=template(), company="Northwind Logistics")
    data = draft_pdf(draft)
    reader = read_pdf(data)
    assert 1 <= len(reader.pages) <= 3
    text = pdf_text(data)
    assert "Page 1 of" in text
    assert_in_order(
        text,
        ["Northwind Logistics".upper(), draft.title, "About the role", "Key responsibilities"]
        + [item.text[:60] for item in draft.responsibilities.all()]
        + ["Key performance indicators", "KPI", "HOW IT IS MEASURED", "TARGET"]
        + [kpi.name for kpi in draft.kpis.all()]
        + ["Qualifications", "Required"]
        + [item.text[:50] for item in draft.qualifications.filter(kind="required")]
        + ["Preferred"]
        + [item.text[:50] for item in draft.qualifications.filter(kind="preferred")],
    )


def test_metadata_and_fonts(vp_draft):
    data = draft_pdf(vp_draft)
    metadata = read_pdf(data).metadata
    assert metadata.title == "VP of Operations – Northwind Logistics"
    assert metadata.author == "Northwind Logistics"
    assert metadata.subject.startswith("The VP of Operations is the executive")
    fonts = font_names(data)
    assert any("Inter" in name for name in fonts), fonts
    assert all(fonts.values()), f"fonts not embedded: {fonts}"


def test_salary_and_facts_are_in_the_title_block(vp_draft):
    text = pdf_text(draft_pdf(vp_draft))
    # The labels are set in small capitals by the stylesheet.
    assert_in_order(text, ["DEPARTMENT", "Operations", "LOCATION", "Chicago, IL", "PAY"])
    assert "USD 185,000 – 230,000 per year" in text


def test_user_text_is_printed_literally(alice):
    draft = make_draft(alice, title="Ops <b>Lead</b> & {{ secret }}", company="<i>ACME</i>")
    text = pdf_text(draft_pdf(draft))
    assert "Ops <b>Lead</b> & {{ secret }}" in text
    assert "<I>ACME</I>" in text  # the company line is set in capitals by the stylesheet


def test_the_download_is_an_attachment_named_after_the_title(alice_client, alice):
    draft = make_draft(alice, template=director_template())
    response = alice_client.get(f"/drafts/{draft.pk}/download/pdf/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="director-of-operations.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert "Director of Operations" in pdf_text(response.content)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/secret.css",
        "https://example.com/logo.png",
        "file:///etc/passwd",
        f"{DOCUMENT_ORIGIN}/static/../../../etc/passwd",
        f"{DOCUMENT_ORIGIN}/static/roles/no-such-file.css",
        f"{DOCUMENT_ORIGIN}/media/../jdbuilder/settings.py",
        f"{DOCUMENT_ORIGIN}/elsewhere/roles/document.css",
        "data:text/css,body{}",
    ],
)
def test_the_fetcher_refuses_anything_but_app_files(url):
    with pytest.raises(DocumentFetchError):
        StaticFilesURLFetcher().fetch(url)


def test_the_fetcher_serves_the_app_stylesheet_and_fonts():
    fetcher = StaticFilesURLFetcher()
    css = fetcher.fetch(f"{DOCUMENT_ORIGIN}/static/roles/document.css")
    assert css.content_type == "text/css"
    assert b"@font-face" in css.read()
    font = fetcher.fetch(
        f"{DOCUMENT_ORIGIN}/static/vendor/fonts/inter/400Regular/Inter_400Regular.ttf"
    )
    assert font.read(4) == b"\x00\x01\x00\x00"


#: The seeded documents as they come, without pay, and with one line of benefits: the last
#: variant once left the closing paragraph alone on a third page of the Director's PDF.
CLOSING_VARIANTS = {
    "as-seeded": {},
    "without-pay": {
        "salary_min": None,
        "salary_max": None,
        "benefits": "",
        "other_compensation": "",
    },
    "short-benefits": {"benefits": "Medical cover.", "other_compensation": ""},
}


@pytest.mark.parametrize("variant", CLOSING_VARIANTS)
@pytest.mark.parametrize("template", [vp_template, director_template], ids=["vp", "director"])
def test_no_page_holds_only_the_closing_paragraph(alice, template, variant):
    """The equal-opportunity paragraph is a few lines: a page with nothing else on it looks like a
    printing accident. It goes over with the end of what precedes it."""
    from roles.models import OrganisationProfile

    draft = make_draft(alice, template=template(), **CLOSING_VARIANTS[variant])
    closing = OrganisationProfile.load().equal_opportunity
    assert closing
    reader = read_pdf(draft_pdf(draft))
    page_furniture = set(f"Equal opportunity {closing} {draft.title} Page of".split())
    for number, page in enumerate(reader.pages, start=1):
        words = page.extract_text().split()
        own = [word for word in words if word not in page_furniture and not word.isdigit()]
        assert own, f"page {number} of {len(reader.pages)} holds only the closing paragraph"

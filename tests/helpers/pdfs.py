"""PDFs read back: the text a candidate would copy, in page order, with whitespace folded, and the
fonts it carries."""

import io
import re

from pypdf import PdfReader

from roles.documents.data import document_from_draft
from roles.documents.pdf import render_pdf
from roles.models import JobDescription


def draft_pdf(draft: JobDescription) -> bytes:
    """The PDF of ``draft`` as it is saved, through the app's renderer (and its cache)."""
    return render_pdf(document_from_draft(draft))


def read_pdf(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF-"), data[:40]
    return PdfReader(io.BytesIO(data))


def pdf_text(data: bytes) -> str:
    reader = read_pdf(data)
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def font_names(data: bytes) -> dict[str, bool]:
    """Each font used on any page → whether its file is embedded in the PDF."""
    fonts = {}
    for page in read_pdf(data).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor_owner = descendants[0].get_object() if descendants else font
            descriptor = descriptor_owner["/FontDescriptor"].get_object()
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font["/BaseFont"])] = embedded
    return fonts


def assert_in_order(text: str, parts: list[str]) -> None:
    position = -1
    for part in parts:
        found = text.find(part, position + 1)
        assert found > position, f"{part!r} missing or out of order in the PDF text"
        position = found

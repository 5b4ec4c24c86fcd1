"""The document as HTML: one template (``roles/document.html`` around ``roles/_document.html``)
behind both the preview page and the PDF."""

import hashlib
from functools import cache
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from .data import DocumentData
from .fetcher import media_path
from .fonts import stylesheet_digest

DOCUMENT_TEMPLATE = "roles/document.html"
#: Bump when the renderer changes what it makes from the same HTML: cached PDFs then expire.
RENDERER_VERSION = "2"


def preview_context(document: DocumentData) -> dict:
    """What the preview page needs to include the document: the logo at the app's own URL for
    it (the only origin the page's CSP allows), versioned by the stored file's name."""
    logo_src = ""
    if document.organisation.logo_name:
        version = hashlib.sha256(document.organisation.logo_name.encode()).hexdigest()[:12]
        logo_src = f"{reverse('roles:organisation_logo')}?v={version}"
    return {"doc": document, "logo_src": logo_src}


def render_html(document: DocumentData) -> str:
    """The standalone HTML the PDF is made from. The logo is named by its path under the
    document's own origin, which the fetcher serves from the bytes ``document_media`` reads."""
    logo_name = document.organisation.logo_name
    context = {"doc": document, "logo_src": media_path(logo_name) if logo_name else ""}
    return render_to_string(DOCUMENT_TEMPLATE, context)


def fingerprint(html: str) -> str:
    """What makes a PDF what it is: its HTML (the document data rendered into the template), the
    stylesheet and its fonts, and the renderer version."""
    return hashlib.sha256(f"{stylesheet_digest(RENDERER_VERSION)}\n{html}".encode()).hexdigest()[
        :32
    ]


@cache
def document_code_digest() -> str:
    """A digest of everything besides its data that a document's HTML is made by in this
    deployment: the templates, the code that builds documents and their template tags, and the
    stylesheet with its fonts. Processes of one deployment agree on it, so a task worker can
    tell the web processes which cached PDF a draft's version has (``pdf.cached_pdf``); a deploy
    that changes any of them gets a new one, so nothing it says outlives the code it was made
    by. Read once per process (some 200 small files)."""
    roles = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(stylesheet_digest(RENDERER_VERSION).encode())
    for folder, pattern in (
        (Path(settings.BASE_DIR) / "templates", "**/*.html"),
        (roles / "documents", "*.py"),
        (roles / "templatetags", "*.py"),
    ):
        for path in sorted(folder.glob(pattern)):
            digest.update(f"\0{path.relative_to(folder)}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:32]

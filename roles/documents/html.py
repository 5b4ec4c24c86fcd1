"""The document as HTML: one template (``roles/document.html`` around ``roles/_document.html``)
behind both the preview page and the PDF."""

import hashlib

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

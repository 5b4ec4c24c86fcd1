"""The one document renderer: a job description (or role template) → HTML → PDF bytes.

The HTML preview and the PDF come from the same template (``roles/document.html``) and the same
stylesheet (``roles/document.css``). WeasyPrint only ever reads files through
``StaticFilesURLFetcher``, which serves the app's own static and media files from disk and refuses
everything else, so no text a user types can make the server fetch a URL.
"""

import logging
import mimetypes
import time
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils._os import safe_join
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

#: Documents are rendered against this made-up origin; the fetcher maps it to files on disk.
#: ``.invalid`` is reserved (RFC 2606), so nothing could ever answer it even if something tried.
DOCUMENT_ORIGIN = "https://document.jdbuilder.invalid"
DOCUMENT_TEMPLATE = "roles/document.html"
DOCUMENT_STYLESHEET = "roles/document.css"


class DocumentFetchError(ValueError):
    """A URL the document may not load."""


class StaticFilesURLFetcher(URLFetcher):
    """Serve the app's static and media files from disk; refuse every other URL."""

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        path = self.local_path(url)
        mime_type, _ = mimetypes.guess_type(path.name)
        return URLFetcherResponse(
            url,
            body=path.read_bytes(),
            headers={"Content-Type": mime_type or "application/octet-stream"},
        )

    @staticmethod
    def local_path(url: str) -> Path:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin != DOCUMENT_ORIGIN or parts.query:
            raise DocumentFetchError(f"Refusing to fetch {url!r}: not one of the app's files.")
        path = unquote(parts.path)
        static_prefix = "/" + settings.STATIC_URL.lstrip("/")
        media_prefix = "/" + settings.MEDIA_URL.lstrip("/")
        found = None
        try:
            if path.startswith(static_prefix):
                found = finders.find(path.removeprefix(static_prefix))
            elif path.startswith(media_prefix):
                found = safe_join(settings.MEDIA_ROOT, path.removeprefix(media_prefix))
        except SuspiciousFileOperation:  # The path climbs out of its folder.
            found = None
        if not found or not Path(found).is_file():
            raise DocumentFetchError(f"Refusing to fetch {url!r}: no such app file.")
        return Path(found)


# Built once per process: a new FontConfiguration per render leaks memory, and parsing the
# stylesheet (with its @font-face rules) is the slowest part of a small render.
@lru_cache(maxsize=1)
def _fetcher() -> StaticFilesURLFetcher:
    return StaticFilesURLFetcher()


@lru_cache(maxsize=1)
def _font_config() -> FontConfiguration:
    return FontConfiguration()


@lru_cache(maxsize=1)
def _stylesheet() -> CSS:
    path = finders.find(DOCUMENT_STYLESHEET)
    return CSS(
        string=Path(path).read_text(encoding="utf-8"),
        base_url=f"{DOCUMENT_ORIGIN}/{settings.STATIC_URL.lstrip('/')}{DOCUMENT_STYLESHEET}",
        url_fetcher=_fetcher(),
        font_config=_font_config(),
    )


def document_context(document) -> dict:
    """What the document template needs, for a ``JobDescription`` or a ``RoleTemplate``."""
    return {"doc": document}


def render_html(document) -> str:
    """The standalone HTML the PDF is made from."""
    return render_to_string(DOCUMENT_TEMPLATE, document_context(document))


def render_pdf(document) -> bytes:
    """Render ``document`` to PDF bytes."""
    started = time.perf_counter()
    html = HTML(
        string=render_html(document), base_url=f"{DOCUMENT_ORIGIN}/", url_fetcher=_fetcher()
    )
    pdf = html.write_pdf(stylesheets=[_stylesheet()], font_config=_font_config())
    logger.info(
        "Rendered PDF for %s #%s in %.0f ms",
        type(document).__name__,
        document.pk,
        (time.perf_counter() - started) * 1000,
    )
    return pdf

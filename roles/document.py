"""The one document renderer: a job description (or role template) → HTML → PDF bytes.

The HTML preview and the PDF come from the same template (``roles/document.html``) and the same
stylesheet (``roles/document.css``). WeasyPrint only ever reads files through
``StaticFilesURLFetcher``, which serves the app's own static and media files from disk and refuses
everything else, so no text a user types can make the server fetch a URL.
"""

import hashlib
import logging
import mimetypes
import re
import signal
import threading
import time
import unicodedata
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils._os import safe_join
from fontTools.ttLib import TTFont
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .models import OrganisationProfile

logger = logging.getLogger(__name__)

#: Documents are rendered against this made-up origin; the fetcher maps it to files on disk.
#: ``.invalid`` is reserved (RFC 2606), so nothing could ever answer it even if something tried.
DOCUMENT_ORIGIN = "https://document.jdbuilder.invalid"
DOCUMENT_TEMPLATE = "roles/document.html"
DOCUMENT_STYLESHEET = "roles/document.css"
#: Bump when the renderer changes what it makes from the same HTML: cached PDFs then expire.
RENDERER_VERSION = "1"
#: A render that takes longer than this is stopped (where the platform allows it: see below).
RENDER_TIME_BUDGET_SECONDS = 20
PDF_CACHE_SECONDS = 60 * 60 * 24


class DocumentRenderError(Exception):
    """The document could not be rendered; the message is for the person who asked for it."""


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


@lru_cache(maxsize=1)
def _stylesheet_digest() -> str:
    """A fingerprint of the stylesheet and the fonts it names."""
    digest = hashlib.sha256(RENDERER_VERSION.encode())
    digest.update(Path(finders.find(DOCUMENT_STYLESHEET)).read_bytes())
    for path in _font_files():
        digest.update(f"{path.name}:{path.stat().st_size}".encode())
    return digest.hexdigest()


def _font_files() -> list[Path]:
    """The font files the document stylesheet's @font-face rules load, in order."""
    css = Path(finders.find(DOCUMENT_STYLESHEET)).read_text(encoding="utf-8")
    found = []
    for url in re.findall(r'url\("\.\./([^"]+\.(?:ttf|otf))"\)', css):
        path = finders.find(url)
        if path:
            found.append(Path(path))
    return found


# Invisible characters that shape text rather than print (joiners, direction marks, variation
# selectors): fonts need not have glyphs for them.
_FORMAT_CHARACTERS = {0x09, 0x0A, 0x0D, *range(0x200B, 0x2010), *range(0x202A, 0x202F)}
_FORMAT_CHARACTERS |= {*range(0x2060, 0x2065), *range(0x2066, 0x206A), *range(0xFE00, 0xFE10)}


@lru_cache(maxsize=1)
def printable_characters() -> frozenset[int]:
    """Every character some font of the document can print."""
    codepoints = set(_FORMAT_CHARACTERS)
    for path in _font_files():
        with TTFont(path, lazy=True) as font:
            codepoints.update(cp for cp in font.getBestCmap() if cp >= 0x20)
    return frozenset(codepoints)


def unprintable_characters(text: str) -> list[str]:
    """The characters of ``text`` that no font of the document has, once each, in order."""
    printable = printable_characters()
    return list(dict.fromkeys(char for char in text if ord(char) not in printable))


def describe_characters(chars: list[str]) -> str:
    """'U+0007 (a control character), U+1F9D1 (ADULT)' for an error message."""
    names = []
    for char in chars[:5]:
        category = unicodedata.category(char)
        label = "a control character" if category.startswith("C") else unicodedata.name(char, "")
        names.append(f"U+{ord(char):04X}" + (f" ({label})" if label else ""))
    return ", ".join(names) + (" and others" if len(chars) > 5 else "")


def document_context(document) -> dict:
    """What the document template needs, for a ``JobDescription`` or a ``RoleTemplate``."""
    return {"doc": document, "organisation": OrganisationProfile.load()}


def render_html(document) -> str:
    """The standalone HTML the PDF is made from."""
    return render_to_string(DOCUMENT_TEMPLATE, document_context(document))


def fingerprint(html: str) -> str:
    """What makes a PDF what it is: its HTML (the draft and organisation profile rendered into
    the template), the stylesheet and its fonts, and the renderer version."""
    return hashlib.sha256(f"{_stylesheet_digest()}\n{html}".encode()).hexdigest()[:32]


@contextmanager
def _time_budget(seconds: float):
    """Stop a render that runs over ``seconds``. Signals exist only in the main thread (as in
    gunicorn's sync workers); elsewhere the server's own request timeout is the limit."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise DocumentRenderError(
            "Rendering this document took too long. Shorten the longest texts and try again."
        )

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def write_pdf(html: str, *, time_budget: float = RENDER_TIME_BUDGET_SECONDS) -> bytes:
    """Turn document HTML into PDF bytes: tagged (PDF/UA-1), fonts embedded and subset."""
    try:
        with _time_budget(time_budget):
            document = HTML(string=html, base_url=f"{DOCUMENT_ORIGIN}/", url_fetcher=_fetcher())
            return document.write_pdf(
                stylesheets=[_stylesheet()], font_config=_font_config(), pdf_variant="pdf/ua-1"
            )
    except RecursionError as error:
        raise DocumentRenderError(
            "This document is nested too deeply to render. Simplify its content and try again."
        ) from error


def cached_pdf(html: str, key: str) -> bytes:
    """The PDF for ``html`` (whose fingerprint is ``key``), rendered only when not cached."""
    pdf = cache.get(f"pdf:{key}")
    if pdf is None:
        started = time.perf_counter()
        pdf = write_pdf(html)
        cache.set(f"pdf:{key}", pdf, PDF_CACHE_SECONDS)
        logger.info("Rendered PDF %s in %.0f ms", key, (time.perf_counter() - started) * 1000)
    return pdf


def pdf_for(document) -> tuple[bytes, str]:
    """The PDF of ``document`` and its fingerprint, from the cache when nothing has changed."""
    html = render_html(document)
    key = fingerprint(html)
    return cached_pdf(html, key), key


def render_pdf(document) -> bytes:
    """Render ``document`` to PDF bytes (through the cache)."""
    return pdf_for(document)[0]

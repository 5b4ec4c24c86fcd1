"""The PDF: document HTML → tagged PDF bytes (PDF/UA-1, fonts embedded and subset), rendered by
WeasyPrint in the render process (``render_process``), cached by the document's fingerprint.

WeasyPrint only ever reads files through ``StaticFilesURLFetcher`` (``fetcher``)."""

import logging
import signal
import threading
import time
from contextlib import contextmanager
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from weasyprint import CSS, HTML, Document
from weasyprint.text.fonts import FontConfiguration

from . import DocumentRenderError
from .data import DocumentData
from .fetcher import DOCUMENT_ORIGIN, StaticFilesURLFetcher, document_media
from .fonts import DOCUMENT_STYLESHEET, stylesheet_path
from .html import fingerprint, render_html
from .render_process import (
    RENDER_KILL_GRACE_SECONDS,
    RENDER_TIME_BUDGET_SECONDS,
    TOO_LONG,
    render_process,
)

logger = logging.getLogger(__name__)

PDF_CACHE_SECONDS = 60 * 60 * 24


# Built once per process: a new FontConfiguration per render leaks memory, and parsing the
# stylesheet (with its @font-face rules) is the slowest part of a small render.
@lru_cache(maxsize=1)
def default_fetcher() -> StaticFilesURLFetcher:
    return StaticFilesURLFetcher()


@lru_cache(maxsize=1)
def _font_config() -> FontConfiguration:
    return FontConfiguration()


@lru_cache(maxsize=1)
def _stylesheet() -> CSS:
    return CSS(
        string=stylesheet_path().read_text(encoding="utf-8"),
        base_url=f"{DOCUMENT_ORIGIN}/{settings.STATIC_URL.lstrip('/')}{DOCUMENT_STYLESHEET}",
        url_fetcher=default_fetcher(),
        font_config=_font_config(),
    )


@contextmanager
def _time_budget(seconds: float):
    """Stop a render that runs over ``seconds`` with a clear message. Render processes run
    renders in their main thread, where signals work; the render process is killed if the
    render does not get back to Python in time."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise DocumentRenderError(TOO_LONG)

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def write_pdf_here(html: str, media: dict[str, bytes], time_budget: float) -> bytes:
    """Turn document HTML into PDF bytes in this process. The web process calls ``write_pdf``,
    which runs this in the render process."""
    fetcher = StaticFilesURLFetcher(media) if media else default_fetcher()
    try:
        with _time_budget(time_budget):
            document = HTML(string=html, base_url=f"{DOCUMENT_ORIGIN}/", url_fetcher=fetcher)
            return document.write_pdf(
                stylesheets=[_stylesheet()], font_config=_font_config(), pdf_variant="pdf/ua-1"
            )
    except RecursionError as error:
        raise DocumentRenderError(
            "This document is nested too deeply to render. Simplify its content and try again."
        ) from error


def layout(html: str) -> Document:
    """The document laid out into pages as the PDF prints it (for checks of typography)."""
    return HTML(string=html, base_url=f"{DOCUMENT_ORIGIN}/", url_fetcher=default_fetcher()).render(
        stylesheets=[_stylesheet()], font_config=_font_config()
    )


def warm_up() -> None:
    """Load the stylesheet and fonts and render once, so that processes forked from this one
    start ready."""
    write_pdf_here(
        '<html lang="en"><title>warm-up</title><body><h1>Ready</h1><p>运营 العمليات תל 🚀 ≥</p>',
        {},
        RENDER_TIME_BUDGET_SECONDS,
    )


def write_pdf(
    html: str,
    *,
    media: dict[str, bytes] | None = None,
    time_budget: float = RENDER_TIME_BUDGET_SECONDS,
) -> bytes:
    """Turn document HTML into PDF bytes in the render process. ``media`` holds the media files
    the document shows, by URL path (``fetcher.document_media``)."""
    return render_process.run(
        write_pdf_here, html, media or {}, time_budget, time_budget=time_budget
    )


def _pdf_key(html: str) -> str:
    return f"pdf:{fingerprint(html)}"


def _render_into_cache(document: DocumentData, html: str, key: str) -> bytes:
    started = time.perf_counter()
    pdf = write_pdf(html, media=document_media(document.organisation.logo_name))
    cache.set(key, pdf, PDF_CACHE_SECONDS)
    logger.info("Rendered PDF %s in %.0f ms", key, (time.perf_counter() - started) * 1000)
    return pdf


def render_pdf(document: DocumentData) -> bytes:
    """The PDF of ``document``: from the cache when a PDF of the same fingerprint is there (the
    task worker puts one there after every save), else rendered here. When a worker is rendering
    this very document right now, wait for it (up to the render budget) rather than render twice.

    The cache key is the fingerprint of the HTML, so any change to the data, the template, the
    stylesheet or the fonts makes a new PDF."""
    html = render_html(document)
    key = _pdf_key(html)
    pdf = cache.get(key)
    if pdf is None and cache.get(f"rendering:{key}"):
        deadline = time.monotonic() + RENDER_TIME_BUDGET_SECONDS
        while pdf is None and time.monotonic() < deadline and cache.get(f"rendering:{key}"):
            time.sleep(0.1)
            pdf = cache.get(key)
    return pdf if pdf is not None else _render_into_cache(document, html, key)


def prerender_pdf(document: DocumentData) -> bool:
    """Render ``document`` into the cache unless it is there already (for the task worker).
    While it renders, a mark in the cache tells downloads of the same document to wait for it.
    Returns whether it rendered."""
    html = render_html(document)
    key = _pdf_key(html)
    if cache.get(key) is not None:
        return False
    # The mark outlives a render that overruns (budget + kill grace), then expires by itself.
    cache.set(f"rendering:{key}", True, RENDER_TIME_BUDGET_SECONDS + RENDER_KILL_GRACE_SECONDS)
    try:
        _render_into_cache(document, html, key)
    finally:
        cache.delete(f"rendering:{key}")
    return True

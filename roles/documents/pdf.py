"""The PDF: document HTML → tagged PDF bytes (PDF/UA-1, fonts embedded and subset), rendered by
WeasyPrint in the render process (``render_process``), cached by the document's fingerprint.

WeasyPrint only ever reads files through ``StaticFilesURLFetcher`` (``fetcher``)."""

import contextvars
import logging
import signal
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.template.loader import get_template
from weasyprint import CSS, HTML, Document
from weasyprint.text.fonts import FontConfiguration

from . import DocumentBeingPrepared, DocumentRenderError
from .data import (
    DRAFT_NOTE,
    DocumentData,
    KPIItem,
    LocationItem,
    QualificationItem,
    ResponsibilityItem,
)
from .fetcher import DOCUMENT_ORIGIN, StaticFilesURLFetcher, document_media
from .fonts import DOCUMENT_STYLESHEET, stylesheet_path
from .html import DOCUMENT_TEMPLATE, document_code_digest, fingerprint, render_html
from .render_process import (
    RENDER_KILL_GRACE_SECONDS,
    RENDER_TIME_BUDGET_SECONDS,
    TOO_LONG,
    render_process,
)

logger = logging.getLogger(__name__)

PDF_CACHE_SECONDS = 60 * 60 * 24
#: A render's time budget grows with its document: this many seconds per 10,000 characters of
#: its HTML, and never less than ``RENDER_TIME_BUDGET_SECONDS``: a document over about 67,000
#: characters gets more. The VP draft (about 9,000 characters) keeps 20 s; the largest draft
#: the editor accepts (about 170,000, 45-50 pages) renders in 5-20 s on a busy 2-core machine
#: and gets about 50 s.
RENDER_SECONDS_PER_10K_CHARACTERS = 3
#: What a web request may spend on a render: the budget plus the kill grace stay under
#: gunicorn's 30 s worker timeout (gunicorn.conf.py), so a request is never killed by it.
REQUEST_RENDER_SECONDS = RENDER_TIME_BUDGET_SECONDS
#: How long a download waits for the same PDF being rendered elsewhere before it says "being
#: prepared" (its page asks again a few seconds later).
RENDER_WAIT_SECONDS = 10

# Set while a task worker renders (``rendering_in_background``): its renders get their
# document's whole budget, which no request has.
_in_background = contextvars.ContextVar("render_in_background", default=False)


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


def _warm_up_document() -> DocumentData:
    """A small document with every part the document template draws (facts, pay, lists, a KPI
    table, the footer), so that the warm-up loads every font face and style a real PDF uses:
    the first download after a start measured 1.6 × a warm one when only a heading and a line
    of text were rendered ahead."""
    return DocumentData(
        title="Warm-up",
        level="warm-up",
        level_name="Vice President",
        summary="Ready. 运营 العمليات תל 🚀 ≥",
        reports_to="Chief Executive Officer",
        scope="Company-wide.",
        impact="Across the business.",
        collaboration="With the executive team.",
        company="JD Builder",
        employment_type="full_time",
        salary_min=100_000,
        salary_max=120_000,
        salary_currency="USD",
        pay_period="year",
        benefits="Medical cover.",
        other_compensation="A bonus.",
        posting_date=date(2026, 1, 1),
        closing_date=date(2026, 2, 1),
        apply_url="https://example.com/apply",
        responsibilities=(ResponsibilityItem(None, "Set the operations strategy."),),
        kpis=(KPIItem(None, "Operating margin", "Income ÷ revenue", "≥ 18%", "quarterly"),),
        qualifications=(
            QualificationItem(None, "Fifteen years in operations.", "required"),
            QualificationItem(None, "An MBA.", "preferred"),
        ),
        locations=(LocationItem(None, "on_site", "Chicago", "IL", "US"),),
        status_note=DRAFT_NOTE,
    )


def warm_up() -> None:
    """Load the stylesheet and fonts and render a document once, so that processes forked from
    this one start ready."""
    write_pdf_here(render_html(_warm_up_document()), {}, RENDER_TIME_BUDGET_SECONDS)


def start_render_process() -> None:
    """Start the render process now, not at the first render: its fork server loads Django, the
    fonts and the stylesheet and renders once (``warm_up``), some 3 s, which the first PDF after
    a task worker starts would otherwise wait for. The task worker and each web worker call this
    as they start; it also reads this deployment's document code digest and compiles the
    document's template, which the first download would otherwise wait for too."""
    document_code_digest()
    get_template(DOCUMENT_TEMPLATE)
    write_pdf('<html lang="en"><title>ready</title><body><p>Ready</p>')


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


def _source_map_key(source_key: str) -> str:
    """Where the shared cache keeps the PDF cache key of the document made from ``source_key``
    (a caller's: for a draft, its row at its version, its level, its footer note and the
    organisation). A download of a PDF already in the cache then needs neither the draft's lists
    nor the HTML (two thirds of a cached download's time), whichever process rendered it (the
    task worker renders after a save). Under the digest of the code that makes the HTML
    (``document_code_digest``): a deployment that changes the document's templates, code or
    stylesheet never finds an old entry; a change to anything the document is made from is a
    new source key."""
    return f"pdf-source:{document_code_digest()}:{source_key}"


def _remember_pdf_key(source_key: str | None, key: str) -> None:
    if source_key is not None:
        cache.set(_source_map_key(source_key), key, PDF_CACHE_SECONDS)


def cached_pdf(source_key: str) -> bytes | None:
    """The cached PDF of the document made from ``source_key``, if a process of this deployment
    rendered that document's HTML before and the PDF is still in the shared cache; else None
    (then build the document and call ``render_pdf``)."""
    key = cache.get(_source_map_key(source_key))
    return cache.get(key) if key is not None else None


def render_time_budget(html: str) -> float:
    """The seconds a render of ``html`` may take, growing with the document."""
    return max(RENDER_TIME_BUDGET_SECONDS, len(html) / 10_000 * RENDER_SECONDS_PER_10K_CHARACTERS)


@contextmanager
def rendering_in_background():
    """Renders inside this block run in a task worker, with no request waiting on them: they
    get their document's whole time budget (``render_time_budget``)."""
    token = _in_background.set(True)
    try:
        yield
    finally:
        _in_background.reset(token)


def _render_into_cache(document: DocumentData, html: str, key: str, budget: float) -> bytes:
    started = time.perf_counter()
    pdf = write_pdf(html, media=document_media(document.organisation.logo_name), time_budget=budget)
    cache.set(key, pdf, PDF_CACHE_SECONDS)
    logger.info("Rendered PDF %s in %.0f ms", key, (time.perf_counter() - started) * 1000)
    return pdf


def _lock_key(key: str) -> str:
    return f"rendering:{key}"


def _take_lock(key: str, budget: float) -> bool:
    """Take the one render of the PDF ``key`` (across processes and machines: the shared
    cache's ``add`` is atomic on Redis). The lock outlives a render that overruns (budget +
    kill grace), then expires by itself."""
    return cache.add(_lock_key(key), True, budget + RENDER_KILL_GRACE_SECONDS)


def _wait_for(key: str) -> bytes | None:
    """The PDF ``key`` once the render running elsewhere has put it in the cache; None if it
    ends without one or is not done within ``RENDER_WAIT_SECONDS``."""
    deadline = time.monotonic() + RENDER_WAIT_SECONDS
    while True:
        pdf = cache.get(key)
        if pdf is not None or not cache.get(_lock_key(key)) or time.monotonic() >= deadline:
            return pdf
        time.sleep(0.1)


def render_pdf(
    document: DocumentData,
    *,
    hand_over: Callable[[], bool] | None = None,
    source_key: str | None = None,
) -> bytes:
    """The PDF of ``document``: from the cache when a PDF of the same fingerprint is there (the
    task worker puts one there after every save), else rendered here. A PDF is rendered once at
    a time: while it renders elsewhere, wait for it (``RENDER_WAIT_SECONDS``), then raise
    ``DocumentBeingPrepared``.

    In a web request a render may take ``REQUEST_RENDER_SECONDS``; a document whose budget is
    larger is rendered within that, unless ``hand_over()`` says a task worker can take it:
    then ``DocumentBeingPrepared(hand_over=True)`` is raised for the caller to queue it.

    The cache key is the fingerprint of the HTML, so any change to the data, the template, the
    stylesheet or the fonts makes a new PDF. With ``source_key`` (what the document was made
    from), ``cached_pdf`` finds this PDF again without the document."""
    html = render_html(document)
    key = _pdf_key(html)
    _remember_pdf_key(source_key, key)
    pdf = cache.get(key)
    if pdf is not None:
        return pdf
    budget = render_time_budget(html)
    if not _in_background.get() and budget > REQUEST_RENDER_SECONDS:
        if hand_over is not None and hand_over():
            raise DocumentBeingPrepared(hand_over=True)
        budget = REQUEST_RENDER_SECONDS
    if not _take_lock(key, budget):
        pdf = _wait_for(key)
        if pdf is None:
            raise DocumentBeingPrepared()
        return pdf
    try:
        return _render_into_cache(document, html, key, budget)
    finally:
        cache.delete(_lock_key(key))


def prerender_pdf(document: DocumentData, *, source_key: str | None = None) -> bool:
    """Render ``document`` into the cache, with its whole time budget, unless it is there
    already or being rendered elsewhere (for the task worker). Returns whether it rendered.
    With ``source_key``, ``cached_pdf`` in any process finds it without the document."""
    html = render_html(document)
    key = _pdf_key(html)
    _remember_pdf_key(source_key, key)
    budget = render_time_budget(html)
    if cache.get(key) is not None or not _take_lock(key, budget):
        return False
    try:
        _render_into_cache(document, html, key, budget)
    finally:
        cache.delete(_lock_key(key))
    return True

"""The one document renderer: a job description (or role template) → HTML → PDF bytes.

The HTML preview and the PDF come from the same template (``roles/document.html``) and the same
stylesheet (``roles/document.css``). WeasyPrint only ever reads files through
``StaticFilesURLFetcher``, which serves the app's own static files from disk and the media files
(the logo) handed to it, and refuses everything else, so no text a user types can make the server
fetch a URL.

WeasyPrint runs in a render process of its own (``RenderProcess``), forked from a server process
that has loaded Django and the fonts once. Its native memory grows a little with every render, so
the process is replaced after ``RENDERS_PER_PROCESS`` renders; a render that overruns its budget is
ended by killing the process, whatever it is doing; and a crash in the native libraries costs a
render, not the web worker.
"""

import atexit
import hashlib
import logging
import mimetypes
import multiprocessing
import os
import re
import select
import signal
import threading
import time
import unicodedata
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, TimeoutError
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.urls import reverse
from fontTools.ttLib import TTFont
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .models import OrganisationProfile

logger = logging.getLogger(__name__)

#: Documents are rendered against this made-up origin; the fetcher maps it to the app's files.
#: ``.invalid`` is reserved (RFC 2606), so nothing could ever answer it even if something tried.
DOCUMENT_ORIGIN = "https://document.jdbuilder.invalid"
DOCUMENT_TEMPLATE = "roles/document.html"
DOCUMENT_STYLESHEET = "roles/document.css"
#: Bump when the renderer changes what it makes from the same HTML: cached PDFs then expire.
RENDERER_VERSION = "1"
#: A render that takes longer than this is stopped with a message...
RENDER_TIME_BUDGET_SECONDS = 20
#: ...and if it is stuck in native code, its process is killed this much later.
RENDER_KILL_GRACE_SECONDS = 5
#: WeasyPrint's native memory grows by ~75 KB a render that Python cannot free; a render process
#: is replaced after this many renders (a fork from the ready fork server: ~10 ms).
RENDERS_PER_PROCESS = 50
PDF_CACHE_SECONDS = 60 * 60 * 24


class DocumentRenderError(Exception):
    """The document could not be rendered; the message is for the person who asked for it."""


TOO_LONG = "Rendering this document took too long. Shorten the longest texts and try again."


class DocumentFetchError(ValueError):
    """A URL the document may not load."""


class StaticFilesURLFetcher(URLFetcher):
    """Serve the app's static files from disk and the media files it is given; refuse every
    other URL."""

    def __init__(self, media: dict[str, bytes] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        #: Media files by URL path (``/media/logos/x.png``), read through Django's storage by the
        #: web process: the render process never opens media storage itself.
        self.media = media or {}

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        path = self.url_path(url)
        mime_type, _ = mimetypes.guess_type(path)
        return URLFetcherResponse(
            url,
            body=self.read(url, path),
            headers={"Content-Type": mime_type or "application/octet-stream"},
        )

    @staticmethod
    def url_path(url: str) -> str:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin != DOCUMENT_ORIGIN or parts.query:
            raise DocumentFetchError(f"Refusing to fetch {url!r}: not one of the app's files.")
        return unquote(parts.path)

    def read(self, url: str, path: str) -> bytes:
        static_prefix = "/" + settings.STATIC_URL.lstrip("/")
        if path.startswith(static_prefix):
            found = None
            with suppress(SuspiciousFileOperation):  # The path climbs out of its folder.
                found = finders.find(path.removeprefix(static_prefix))
            if found and Path(found).is_file():
                return Path(found).read_bytes()
        elif path in self.media:
            return self.media[path]
        raise DocumentFetchError(f"Refusing to fetch {url!r}: no such app file.")


def media_path(name: str) -> str:
    """The URL path under which the document refers to the media file ``name``."""
    return "/" + settings.MEDIA_URL.strip("/") + "/" + name


def document_media(organisation: OrganisationProfile) -> dict[str, bytes]:
    """The media files a document may show (the organisation's logo), read through Django's
    storage (local folder or S3), by the URL path the document uses for them."""
    if not organisation.logo:
        return {}
    try:
        with organisation.logo.open("rb") as logo:
            return {media_path(organisation.logo.name): logo.read()}
    except OSError:
        logger.warning("The organisation logo %s cannot be read", organisation.logo.name)
        return {}


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


def document_context(document, organisation: OrganisationProfile | None = None) -> dict:
    """What the document template needs, for a ``JobDescription`` or a ``RoleTemplate``; the
    logo at the app's own URL for it, versioned by the stored file's name."""
    organisation = organisation or OrganisationProfile.load()
    logo_src = ""
    if organisation.logo:
        version = hashlib.sha256(organisation.logo.name.encode()).hexdigest()[:12]
        logo_src = f"{reverse('roles:organisation_logo')}?v={version}"
    return {"doc": document, "organisation": organisation, "logo_src": logo_src}


def render_html(document, organisation: OrganisationProfile | None = None) -> str:
    """The standalone HTML the PDF is made from. The logo is named by its path under the
    document's own origin, which the fetcher serves from the bytes ``document_media`` reads."""
    context = document_context(document, organisation)
    if context["logo_src"]:
        context["logo_src"] = media_path(context["organisation"].logo.name)
    return render_to_string(DOCUMENT_TEMPLATE, context)


def fingerprint(html: str) -> str:
    """What makes a PDF what it is: its HTML (the draft and organisation profile rendered into
    the template), the stylesheet and its fonts, and the renderer version."""
    return hashlib.sha256(f"{_stylesheet_digest()}\n{html}".encode()).hexdigest()[:32]


@contextmanager
def _time_budget(seconds: float):
    """Stop a render that runs over ``seconds`` with a clear message. Render processes run
    renders in their main thread, where signals work; ``RenderProcess`` kills the process if the
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
    """Turn document HTML into PDF bytes in this process: tagged (PDF/UA-1), fonts embedded and
    subset. The web process calls ``write_pdf``, which runs this in a render process."""
    fetcher = StaticFilesURLFetcher(media) if media else _fetcher()
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


def warm_up() -> None:
    """Load the stylesheet and fonts and render once, so that processes forked from this one
    start ready."""
    write_pdf_here(
        '<html lang="en"><title>warm-up</title><body><h1>Ready</h1><p>运营 العمليات תל 🚀 ≥</p>',
        {},
        RENDER_TIME_BUDGET_SECONDS,
    )


def _end_with(web_pid: int) -> None:
    """Render process initializer: exit as soon as the web process ``web_pid`` is gone, even if
    it was killed (a gunicorn timeout, SIGTERM) without cleaning up, so that render processes
    (and with them the fork server) never outlive it."""

    def watch() -> None:
        try:
            with suppress(ProcessLookupError):
                select.select([os.pidfd_open(web_pid)], [], [])  # readable once it has exited
        except (AttributeError, OSError):  # no pidfd (an old kernel): look every second
            while True:
                time.sleep(1)
                try:
                    os.kill(web_pid, 0)
                except ProcessLookupError:
                    break
        os._exit(0)

    threading.Thread(target=watch, name="end-with-web-process", daemon=True).start()


class RenderProcess:
    """One render process for this web process, replaced every ``renders_per_process`` renders,
    and killed when a render overruns its budget or when it dies."""

    def __init__(
        self,
        renders_per_process: int = RENDERS_PER_PROCESS,
        kill_grace: float = RENDER_KILL_GRACE_SECONDS,
    ) -> None:
        self.renders_per_process = renders_per_process
        self.kill_grace = kill_grace
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _get_executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._executor is None:
                context = multiprocessing.get_context("forkserver")
                # The fork server imports Django, the fonts and the stylesheet once; every render
                # process is forked from it ready to render.
                context.set_forkserver_preload(["roles.render_server"])
                self._executor = ProcessPoolExecutor(
                    1,
                    mp_context=context,
                    max_tasks_per_child=self.renders_per_process,
                    initializer=_end_with,
                    initargs=(os.getpid(),),
                )
            return self._executor

    def render(self, html: str, media: dict[str, bytes], time_budget: float) -> bytes:
        try:
            return self._render_once(html, media, time_budget)
        except BrokenProcessPool:
            # The render process died (the kernel's OOM killer, a crash in a native library):
            # once is bad luck, so render again in a new one; twice is this document.
            self.stop()
            logger.warning("The render process died; rendering again in a new one")
        try:
            return self._render_once(html, media, time_budget)
        except BrokenProcessPool:
            self.stop()
            logger.error("The render process died twice rendering the same document")
            raise DocumentRenderError(
                "The document could not be rendered. Shorten or simplify its longest texts "
                "and try again."
            ) from None

    def _render_once(self, html: str, media: dict[str, bytes], time_budget: float) -> bytes:
        future = self._get_executor().submit(write_pdf_here, html, media, time_budget)
        try:
            return future.result(timeout=time_budget + self.kill_grace)
        except TimeoutError:
            # Stuck in native code, where the time budget's signal cannot stop it: kill it.
            self.stop()
            raise DocumentRenderError(TOO_LONG) from None

    def pids(self) -> list[int]:
        """The render process's id, if it is running (for tests and diagnostics)."""
        with self._lock:
            return list(self._executor._processes) if self._executor else []

    def stop(self) -> None:
        with self._lock:
            if self._executor is not None:
                for process in list(self._executor._processes.values()):
                    process.kill()  # SIGKILL: a stuck or frozen process cannot ignore it
                self._executor.shutdown(wait=False, cancel_futures=True)
                self._executor = None


_render_process = RenderProcess()
# End the render process while the interpreter is still whole (not in its final clean-up).
atexit.register(_render_process.stop)


def write_pdf(
    html: str,
    *,
    media: dict[str, bytes] | None = None,
    time_budget: float = RENDER_TIME_BUDGET_SECONDS,
) -> bytes:
    """Turn document HTML into PDF bytes, in the render process (see the module docstring).
    ``media`` holds the media files the document shows, by URL path (``document_media``)."""
    return _render_process.render(html, media or {}, time_budget)


def cached_pdf(html: str, key: str, read_media: Callable[[], dict[str, bytes]] = dict) -> bytes:
    """The PDF for ``html`` (whose fingerprint is ``key``), rendered only when not cached.
    ``read_media`` returns the media ``write_pdf`` needs; it is called only to render."""
    pdf = cache.get(f"pdf:{key}")
    if pdf is None:
        started = time.perf_counter()
        pdf = write_pdf(html, media=read_media())
        cache.set(f"pdf:{key}", pdf, PDF_CACHE_SECONDS)
        logger.info("Rendered PDF %s in %.0f ms", key, (time.perf_counter() - started) * 1000)
    return pdf


def pdf_for(document) -> tuple[bytes, str]:
    """The PDF of ``document`` and its fingerprint, from the cache when nothing has changed."""
    organisation = OrganisationProfile.load()
    html = render_html(document, organisation)
    key = fingerprint(html)
    return cached_pdf(html, key, lambda: document_media(organisation)), key


def render_pdf(document) -> bytes:
    """Render ``document`` to PDF bytes (through the cache)."""
    return pdf_for(document)[0]

"""Benchmark the PDF path, side by side in one run (ratios are what to compare across machines).

Prints: median render of the full VP document through the app's renderer, median of plain
WeasyPrint on the same HTML (a new FontConfiguration and stylesheet per render, as a naive view
does), their ratio, the median of a cached download through Django, and memory after 300 renders
vs after 10 (this process with its render processes). Everything it writes to the database is
rolled back.
"""

import os
import statistics
import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from roles.documents.data import document_from_draft
from roles.documents.fetcher import DOCUMENT_ORIGIN
from roles.documents.fonts import DOCUMENT_STYLESHEET
from roles.documents.html import render_html
from roles.documents.pdf import default_fetcher, write_pdf
from roles.models import RoleTemplate
from roles.services.drafts import jobdescription_create_from_template


def process_tree(pid: int) -> list[int]:
    """``pid`` and all its descendants (Linux); a process that exits meanwhile is left out."""
    pids = [pid]
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                pids += process_tree(int(child))
    except (FileNotFoundError, ProcessLookupError):
        pass
    return pids


def memory_mb(pid: int) -> float:
    """The memory of ``pid`` and its descendants (for the app: the render fork server and render
    process), as the sum of their proportional set sizes: a page shared by n processes counts
    1/n in each, so memory shared after a fork is counted once."""
    total_kb = 0
    for member in process_tree(pid):
        try:
            rollup = Path(f"/proc/{member}/smaps_rollup").read_text()
        except (FileNotFoundError, ProcessLookupError):  # a render process being replaced
            continue
        for line in rollup.splitlines():
            if line.startswith("Pss:"):
                total_kb += int(line.split()[1])
    return total_kb / 1024


def peak_memory_mb(pid: int, render, renders: int) -> float:
    """The most memory ``pid`` with its descendants holds after any of the next ``renders``
    calls of ``render``: render processes are replaced every 50 renders, so a single reading
    could land just after a fresh start."""
    peak = 0.0
    for _ in range(renders):
        render()
        peak = max(peak, memory_mb(pid))
    return peak


def plain_weasyprint_pdf(html: str) -> bytes:
    """The baseline: plain WeasyPrint, as a naive view calls it, with a new font configuration
    and stylesheet for every render (same HTML, stylesheet and fetcher as the app)."""
    font_config = FontConfiguration()
    stylesheet = CSS(
        string=Path(finders.find(DOCUMENT_STYLESHEET)).read_text(),
        base_url=f"{DOCUMENT_ORIGIN}/static/{DOCUMENT_STYLESHEET}",
        url_fetcher=default_fetcher(),
        font_config=font_config,
    )
    return HTML(
        string=html, base_url=f"{DOCUMENT_ORIGIN}/", url_fetcher=default_fetcher()
    ).write_pdf(stylesheets=[stylesheet], font_config=font_config, pdf_variant="pdf/ua-1")


def median_ms(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


class Command(BaseCommand):
    help = "Benchmark PDF rendering: app renderer vs plain WeasyPrint, cache, memory."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=15)
        parser.add_argument("--memory-renders", type=int, default=300)

    def handle(self, *args, runs: int, memory_renders: int, **options):
        with transaction.atomic():
            self.run(runs, memory_renders)
            transaction.set_rollback(True)

    def run(self, runs: int, memory_renders: int) -> None:
        user = get_user_model().objects.create_user("bench-user", password="x")
        template = RoleTemplate.objects.get(slug="vp-of-operations")
        draft = jobdescription_create_from_template(template=template, owner=user)
        html = render_html(document_from_draft(draft))

        def plain():
            plain_weasyprint_pdf(html)

        def app():
            write_pdf(render_html(document_from_draft(draft)))

        app()  # warm up: the stylesheet and fonts load once per process
        plain()
        # Interleave the two so machine noise hits both alike.
        app_times, plain_times = [], []
        for _ in range(runs):
            app_times.append(median_ms(app, 1))
            plain_times.append(median_ms(plain, 1))
        app_ms, plain_ms = statistics.median(app_times), statistics.median(plain_times)

        client = Client()
        client.force_login(user)
        url = reverse("roles:download", args=[draft.pk, "pdf"])
        with override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False):
            cache.clear()
            assert client.get(url).status_code == 200
            cached_ms = median_ms(lambda: client.get(url), runs * 2)

        for _ in range(10):
            app()
        memory_10 = memory_mb(os.getpid())
        for _ in range(memory_renders - 10 - 50):
            app()
        memory_n = peak_memory_mb(os.getpid(), app, 50)

        rows = [
            ("App renderer, full VP document (median)", f"{app_ms:.0f} ms"),
            ("Plain WeasyPrint, same HTML (median)", f"{plain_ms:.0f} ms"),
            ("Ratio app / plain (target ≤ 1.15)", f"{app_ms / plain_ms:.2f}"),
            ("Cached download through Django (median; target ≤ 10 ms)", f"{cached_ms:.1f} ms"),
            (
                f"Memory (PSS, with render processes) after 10 / {memory_renders} renders "
                "(peak of the last 50)",
                f"{memory_10:.0f} / {memory_n:.0f} MB",
            ),
            ("Memory growth (target ≤ 15%)", f"{(memory_n - memory_10) / memory_10 * 100:.1f}%"),
        ]
        width = max(len(name) for name, _ in rows)
        for name, value in rows:
            self.stdout.write(f"{name:<{width}}  {value}")

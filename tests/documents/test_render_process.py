"""The render process: PDFs render apart from the web process, within a time budget, and a stuck,
dead or orphaned render process never takes the web process with it."""

import contextlib
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from roles.documents import DocumentRenderError
from roles.documents.html import render_html
from roles.documents.pdf import _warm_up_document, warm_up, write_pdf, write_pdf_here
from roles.documents.render_process import RenderProcess

pytestmark = pytest.mark.django_db


def test_runaway_renders_fail_with_a_clear_message():
    nested = "<div>" * 20000 + "deep" + "</div>" * 20000
    with pytest.raises(DocumentRenderError, match=r"nested too deeply|took too long"):
        write_pdf(f"<html lang=en><title>t</title><body>{nested}</body></html>")
    with pytest.raises(DocumentRenderError, match="took too long"):
        write_pdf("<html lang=en><title>t</title><body>" + "<p>x</p>" * 3000, time_budget=0.01)


SMALL_DOCUMENT = "<html lang=en><title>t</title><body><p>Hello</p></body></html>"


class SmallRenderProcess(RenderProcess):
    """A render process with a quota of two renders, rendering HTML as the app does."""

    def __init__(self) -> None:
        super().__init__(renders_per_process=2, kill_grace=1)

    def render(self, html: str, time_budget: float) -> bytes:
        return self.run(write_pdf_here, html, {}, time_budget, time_budget=time_budget)


@pytest.fixture
def render_process():
    process = SmallRenderProcess()
    yield process
    process.stop()


def test_a_render_process_is_replaced_after_its_quota_of_renders(render_process):
    render_process.render(SMALL_DOCUMENT, 20)
    [first] = render_process.pids()
    render_process.render(SMALL_DOCUMENT, 20)
    pdf = render_process.render(SMALL_DOCUMENT, 20)
    assert pdf.startswith(b"%PDF-")
    assert first not in render_process.pids()
    assert (
        not Path(f"/proc/{first}").exists() or "zombie" in Path(f"/proc/{first}/status").read_text()
    )


def test_a_stuck_render_is_killed_and_the_next_one_works(render_process):
    """A render that never gets back to Python (here: its process is frozen) is ended by killing
    the process; the web process carries on with a new one."""
    render_process.render(SMALL_DOCUMENT, 20)
    [stuck] = render_process.pids()
    os.kill(stuck, signal.SIGSTOP)
    try:
        with pytest.raises(DocumentRenderError, match="took too long"):
            render_process.render(SMALL_DOCUMENT, 1)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(stuck, signal.SIGCONT)
    assert render_process.render(SMALL_DOCUMENT, 20).startswith(b"%PDF-")
    assert stuck not in render_process.pids()


def test_a_render_process_that_dies_is_replaced_and_the_render_retried(render_process, caplog):
    caplog.set_level(logging.WARNING, logger="roles.documents.render_process")
    render_process.render(SMALL_DOCUMENT, 20)
    [idle] = render_process.pids()
    os.kill(idle, signal.SIGKILL)  # between renders
    assert render_process.render(SMALL_DOCUMENT, 20).startswith(b"%PDF-")
    assert caplog.text.count("rendering again in a new one") == 1
    [rendering] = render_process.pids()
    big = "<html lang=en><title>t</title><body>" + "<p>A paragraph of text.</p>" * 4000
    threading.Timer(0.5, os.kill, (rendering, signal.SIGKILL)).start()  # in the middle of one
    assert render_process.render(big, 20).startswith(b"%PDF-")
    assert rendering not in render_process.pids()
    # Killed mid-render, not merely retired after its quota: the render was retried.
    assert caplog.text.count("rendering again in a new one") == 2


WEB_PROCESS_KILLED_AFTER_A_RENDER = """
import multiprocessing.forkserver, os, signal
import django
django.setup()
from roles.documents.pdf import write_pdf
from roles.documents.render_process import render_process
write_pdf("<html lang=en><title>t</title><p>Hello</p>")
print(*render_process.pids(), multiprocessing.forkserver._forkserver._forkserver_pid, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_render_processes_end_when_their_web_process_is_killed():
    """A web process killed without cleaning up (a gunicorn timeout) leaves nothing behind."""
    result = subprocess.run(
        [sys.executable, "-c", WEB_PROCESS_KILLED_AFTER_A_RENDER],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"},
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    render_process, fork_server = (int(pid) for pid in result.stdout.split())

    def running(pid: int) -> bool:
        try:
            return "zombie" not in Path(f"/proc/{pid}/status").read_text()
        except FileNotFoundError:
            return False

    deadline = time.monotonic() + 15
    while (running(render_process) or running(fork_server)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not running(render_process)
    assert not running(fork_server)


def test_the_warm_up_renders_every_part_a_document_has():
    """The render processes start from a render of a whole document, so the first real PDF
    after a start finds every font face and style loaded (a heading and a line did not)."""
    html = render_html(_warm_up_document())
    for part in ("<table", "Key responsibilities", "Qualifications", "Pay and benefits", "Draft"):
        assert part in html, part
    warm_up()  # and it renders in this process too

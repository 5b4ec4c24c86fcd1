"""A render process of each web process's own, in which WeasyPrint runs.

It is forked from a fork server that has loaded Django, the fonts and the stylesheet once
(``render_server``), so it starts ready. WeasyPrint's native memory grows a little with every
render, so the process is replaced after ``RENDERS_PER_PROCESS`` renders; a render that overruns its
budget is ended by killing the process, whatever it is doing; and a crash in the native libraries
costs a render, not the web worker.
"""

import atexit
import logging
import multiprocessing
import os
import select
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, TimeoutError
from concurrent.futures.process import BrokenProcessPool
from contextlib import suppress

from . import DocumentRenderError

logger = logging.getLogger(__name__)

#: A render that takes longer than this is stopped with a message...
RENDER_TIME_BUDGET_SECONDS = 20
#: ...and if it is stuck in native code, its process is killed this much later.
RENDER_KILL_GRACE_SECONDS = 5
#: WeasyPrint's native memory grows by ~75 KB a render that Python cannot free; a render process
#: is replaced after this many renders (a fork from the ready fork server: ~10 ms).
RENDERS_PER_PROCESS = 50

TOO_LONG = "Rendering this document took too long. Shorten the longest texts and try again."


def _start(web_pid: int, current_pid) -> None:
    """Render process initializer: say which process renders now (``current_pid``, shared with
    the web process, which kills it when a render overruns; the executor's own list of its
    processes is private), and end with the web process."""
    current_pid.value = os.getpid()
    _end_with(web_pid)


def _end_with(web_pid: int) -> None:
    """Exit as soon as the web process ``web_pid`` is gone, even if it was killed (a gunicorn
    timeout, SIGTERM) without cleaning up, so that render processes (and with them the fork
    server) never outlive it. Ctrl+C in a terminal reaches every process of the terminal's
    group; the render process leaves it to its parent, which ends it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

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
        self._current_pid = None  # a shared integer the render process writes its id into
        self._lock = threading.Lock()

    def _get_executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._executor is None:
                context = multiprocessing.get_context("forkserver")
                # The fork server imports Django, the fonts and the stylesheet once; every render
                # process is forked from it ready to render.
                context.set_forkserver_preload(["roles.documents.render_server"])
                self._current_pid = context.RawValue("i", 0)
                self._executor = ProcessPoolExecutor(
                    1,
                    mp_context=context,
                    max_tasks_per_child=self.renders_per_process,
                    initializer=_start,
                    initargs=(os.getpid(), self._current_pid),
                )
            return self._executor

    def run(self, render: Callable[..., bytes], *args, time_budget: float) -> bytes:
        """``render(*args)`` in the render process; ``render`` stops itself after
        ``time_budget`` seconds where it can, and its process is killed where it cannot."""
        try:
            return self._run_once(render, args, time_budget)
        except BrokenProcessPool:
            # The render process died (the kernel's OOM killer, a crash in a native library):
            # once is bad luck, so render again in a new one; twice is this document.
            self.stop()
            logger.warning("The render process died; rendering again in a new one")
        try:
            return self._run_once(render, args, time_budget)
        except BrokenProcessPool:
            self.stop()
            logger.error("The render process died twice rendering the same document")
            raise DocumentRenderError(
                "The document could not be rendered. Shorten or simplify its longest texts "
                "and try again."
            ) from None

    def _run_once(self, render: Callable[..., bytes], args: tuple, time_budget: float) -> bytes:
        future = self._get_executor().submit(render, *args)
        try:
            return future.result(timeout=time_budget + self.kill_grace)
        except TimeoutError:
            # Stuck in native code, where the time budget's signal cannot stop it: kill it.
            self.stop()
            raise DocumentRenderError(TOO_LONG) from None

    def pids(self) -> list[int]:
        """The render process's id, if it has started (for tests and diagnostics)."""
        with self._lock:
            pid = self._current_pid.value if self._executor is not None else 0
            return [pid] if pid else []

    def stop(self) -> None:
        with self._lock:
            if self._executor is not None:
                if pid := self._current_pid.value:
                    # SIGKILL: a stuck or frozen process cannot ignore it. Already gone (retired
                    # after its quota, or died) is fine.
                    with suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
                self._executor.shutdown(wait=False, cancel_futures=True)
                self._executor = None


render_process = RenderProcess()
# End the render process while the interpreter is still whole (not in its final clean-up).
atexit.register(render_process.stop)

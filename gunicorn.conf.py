"""gunicorn settings: `gunicorn -c gunicorn.conf.py jdbuilder.wsgi`, or `make serve`."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# Sync workers: PDF rendering is CPU-bound, so one request per process; two per core keeps the
# CPUs busy while others wait on the database.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
worker_class = "sync"
# Recycle workers now and then (with jitter, so they do not all restart at once), as a backstop:
# PDFs are rendered in a render process of each worker's own, which is replaced every 50 renders
# (roles/documents/render_process.py), so rendering no longer grows a worker.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 500))
max_requests_jitter = 50
# Longer than the PDF render budget (20 s, and 5 s more before the render process is killed), so
# a runaway render ends with a message first.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
accesslog = "-"
errorlog = "-"
# Share-link tokens never reach a log line (/s/[redacted]/): jdbuilder/log_redaction.py.
logger_class = "jdbuilder.log_redaction.RedactingGunicornLogger"
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker):
    """Start the web worker's render process beside it as it starts (some 3 s of loading
    WeasyPrint, the fonts and the stylesheet), not at its first PDF: someone who downloads right
    after a deploy or a worker's recycling should not wait for it."""
    import threading

    from roles.documents.pdf import start_render_process

    def warm() -> None:
        try:
            start_render_process()
        except Exception:  # the first PDF starts it then; serving pages does not need it
            worker.log.exception("The render process could not be started ahead of time")

    threading.Thread(target=warm, name="render-warm-up", daemon=True).start()


#: Request bodies at least this large are followed by a full garbage collection.
LARGE_BODY_BYTES = 256 * 1024
#: A worker's requests after which it collects and then freezes what it holds (``post_request``).
FREEZE_AFTER_REQUESTS = frozenset({1, 25, 250})


def post_request(worker, req, environ, resp):
    """After a worker's first requests, a full garbage collection and ``gc.freeze()``; after a
    large request (an editor form near the upload limit), a full garbage collection.

    Why freeze: a worker's Django (modules, URL patterns, templates, translations: some 200,000
    objects once its first pages have been served) lives as long as the worker, yet every
    collection of the oldest generation walks all of it again: 40–100 ms each on a 2-core
    machine, paid by whichever request allocation counts pick, and most often by the requests
    that allocate most. ``gc.freeze()`` (Python's gc docs) puts what exists now out of the
    collector's reach; a full collection first, so no garbage is kept for ever. Then a full
    collection walks only what came after: 1.5 ms. Three times, as later pages load more.
    Measured in `make bench` (twenty editor posts near the upload limit to one worker): a
    median of 295 and 261 ms before, 141–181 ms after (docs/performance.md).

    Why collect after a large request: a bound form and its bound fields refer to each other,
    so the posted texts live in reference cycles that only the cyclic collector frees, and a
    request that allocates this much moves them to the oldest generation, which Python collects
    only after many more requests. Measured in `make bench` (hostile requests, one worker):
    +21 MB over 15 requests without this, flat with it.

    gunicorn calls this after the response is sent, so nobody waits for either; small requests
    after a worker's first ones, nearly all of them, skip both."""
    import gc

    if worker.nr in FREEZE_AFTER_REQUESTS:
        gc.collect()
        gc.freeze()
    elif int(environ.get("CONTENT_LENGTH") or 0) >= LARGE_BODY_BYTES:
        gc.collect()

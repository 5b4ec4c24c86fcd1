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

"""Share-link tokens never reach a log line: gunicorn's access log and Django's own log lines show
``/s/[redacted]/`` instead."""

import io
import json
import logging
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.test import Client
from gunicorn.config import Config

from jdbuilder.log_redaction import RedactingGunicornLogger, redact_share_tokens

TOKEN = "Zm9vYmFyYmF6cXV4LXNlY3JldC10b2tlbi0xMjM0NTY3"


def test_the_redaction_leaves_other_paths_alone():
    assert redact_share_tokens(f"GET /s/{TOKEN}/document.pdf HTTP/1.1") == (
        "GET /s/[redacted]/document.pdf HTTP/1.1"
    )
    assert redact_share_tokens(f"https://jd.example.com/s/{TOKEN}/") == (
        "https://jd.example.com/s/[redacted]/"
    )
    # Percent-encoded slashes reach the same view, so they are redacted too.
    assert TOKEN not in redact_share_tokens(f"/s%2F{TOKEN}/logo")
    assert redact_share_tokens("GET /drafts/12/share/ HTTP/1.1") == "GET /drafts/12/share/ HTTP/1.1"
    assert redact_share_tokens("/static/roles/shared.css") == "/static/roles/shared.css"


def test_gunicorns_access_log_atoms_show_no_token():
    config = Config()
    config.set("accesslog", "-")
    logger = RedactingGunicornLogger(config)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/s/{TOKEN}/document.pdf?download=1",
        "PATH_INFO": f"/s/{TOKEN}/document.pdf",
        "QUERY_STRING": f"from=/s/{TOKEN}/",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.9",
        "HTTP_REFERER": f"https://jd.example.com/s/{TOKEN}/",
    }
    request = SimpleNamespace(headers=[("REFERER", f"https://jd.example.com/s/{TOKEN}/")])
    response = SimpleNamespace(status="200 OK", headers=[], sent=1234)
    atoms = logger.atoms(response, request, environ, timedelta(seconds=0.1))
    assert atoms["r"] == "GET /s/[redacted]/document.pdf?download=1 HTTP/1.1"
    assert atoms["U"] == "/s/[redacted]/document.pdf"
    assert atoms["s"] == "200" and atoms["B"] == 1234  # the rest as gunicorn gives it
    line = config.access_log_format % logger.atoms_wrapper_class(atoms)
    assert TOKEN not in line and "/s/[redacted]/" in line
    assert all(TOKEN not in str(value) for value in atoms.values())


def test_gunicorns_error_log_shows_no_token():
    config = Config()
    logger = RedactingGunicornLogger(config)
    stream = io.StringIO()
    logger.error_log.handlers[0].setStream(stream)
    logger.error("Error handling request %s", f"/s/{TOKEN}/")
    assert "Error handling request /s/[redacted]/" in stream.getvalue()
    assert TOKEN not in stream.getvalue()


@pytest.mark.django_db
def test_djangos_log_lines_show_no_token():
    (console,) = (h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler)
    stream = io.StringIO()
    previous = console.setStream(stream)
    try:
        assert Client().get(f"/s/{TOKEN}/").status_code == 404  # logged by django.request
    finally:
        console.setStream(previous)
    (line,) = stream.getvalue().splitlines()
    assert TOKEN not in line
    record = json.loads(line)
    assert record["message"] == "Not Found: /s/[redacted]/"
    assert record["request"] == "<WSGIRequest: GET '/s/[redacted]/'>"

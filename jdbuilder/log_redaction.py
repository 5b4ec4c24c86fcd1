"""Share-link tokens kept out of the logs: a token in a log line opens the link for anyone who
reads the logs (a log collector, a support ticket). Imported by gunicorn before Django is set up,
so this module imports nothing of Django or of the app."""

import logging
import re

from gunicorn.glogging import Logger

#: ``/s/<token>`` wherever it appears: a request line, a path, a query string, a referrer (a full
#: URL). The slashes may come percent-encoded: gunicorn decodes ``%2F`` before Django routes, so
#: ``/s%2F<token>/`` opens the same page.
_SHARE_PATH = re.compile(r"(?i)(?:/|%2f)s(?:/|%2f)[^/?#\s\"'<>]+")
REDACTED = "/s/[redacted]"


def redact_share_tokens(text: str) -> str:
    return _SHARE_PATH.sub(REDACTED, text)


class RedactShareTokens(logging.Filter):
    """Redact tokens from a record's message, and from the request Django attaches to it (the
    JSON formatter writes its repr). Put on a handler, so that handlers before it (Django's
    error e-mails) still get the request itself."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_share_tokens(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        request = getattr(record, "request", None)
        if request is not None and not isinstance(request, str):
            text = repr(request)
            if redact_share_tokens(text) != text:
                record.request = redact_share_tokens(text)
        return True


class RedactingGunicornLogger(Logger):
    """gunicorn's logger with tokens redacted: from every atom of the access log (the request
    line ``r``, the path ``U``, the query ``q``, the referrer ``f``, headers and environ), and
    from the error log ("Error handling request /s/…")."""

    _filter = RedactShareTokens()

    def setup(self, cfg) -> None:
        super().setup(cfg)
        self.error_log.addFilter(self._filter)  # the same instance: added once across reloads

    def atoms(self, resp, req, environ, request_time) -> dict:
        atoms = super().atoms(resp, req, environ, request_time)
        return {
            key: redact_share_tokens(value) if isinstance(value, str) else value
            for key, value in atoms.items()
        }

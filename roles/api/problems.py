"""Every error of the API as RFC 9457 problem details (``application/problem+json``): one
exception handler for what DRF's views raise, and one middleware for what never reaches a DRF
view under ``/api/`` (an unknown path's 404, a body over the limit, an exception's 500).

A problem is ``{"type", "title", "status", "detail", "instance"}``, and ``errors`` (a list of
``{"detail", "pointer"}``, JSON pointers into the request body, or ``{"detail", "parameter"}`` for
a query parameter) when the request was invalid. ``type`` is ``about:blank`` when the status
says it all, else one of the ``urn:jdbuilder:problem:…`` types ``docs/api.md`` lists.
"""

import json
import logging
from http import HTTPStatus

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from rest_framework import exceptions

PROBLEM_CONTENT_TYPE = "application/problem+json"
API_PREFIX = "/api/"

#: The problem types beyond ``about:blank``, by name (docs/api.md says what each means).
PROBLEM_TYPES = {
    "edit-conflict": "urn:jdbuilder:problem:edit-conflict",
    "idempotency-key-in-use": "urn:jdbuilder:problem:idempotency-key-in-use",
    "idempotency-key-reused": "urn:jdbuilder:problem:idempotency-key-reused",
    "invalid-request": "urn:jdbuilder:problem:invalid-request",
    "invalid-token": "urn:jdbuilder:problem:invalid-token",
    "missing-scope": "urn:jdbuilder:problem:missing-scope",
    "not-editable": "urn:jdbuilder:problem:not-editable",
    "precondition-required": "urn:jdbuilder:problem:precondition-required",
    "rate-limited": "urn:jdbuilder:problem:rate-limited",
    "review-refused": "urn:jdbuilder:problem:review-refused",
    "too-large": "urn:jdbuilder:problem:too-large",
}

logger = logging.getLogger("django.request")

NOT_FOUND_DETAIL = "Nothing was found here, or nothing you may read."


class MissingScope(exceptions.PermissionDenied):
    """The token is good, but was not given the scope this operation needs."""

    def __init__(self, scope: str):
        super().__init__(f"This token lacks the “{scope}” scope this operation needs.")
        self.scope = scope


class InvalidToken(exceptions.AuthenticationFailed):
    """A bearer token that is unknown, revoked, expired or whose person may not sign in."""


class TooManyFailedTokens(exceptions.Throttled):
    """Too many failed token authentications from the client's address this minute."""

    def __init__(self, wait: int):
        super().__init__(wait=wait)


class Problem(exceptions.APIException):
    """An error with its own problem type (a ``PROBLEM_TYPES`` name), and, where the client
    needs them, more members for the body (RFC 9457's extensions: a 412's ``current``) and
    headers (its ``ETag``)."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        kind: str | None = None,
        extensions: dict | None = None,
        headers: dict | None = None,
    ):
        super().__init__(detail)
        self.status_code = status
        self.kind = kind
        self.extensions = extensions or {}
        self.headers = headers or {}


class InvalidParameters(exceptions.ValidationError):
    """Query parameters that are not valid: ``errors`` name the ``parameter`` (not a pointer
    into a body, which a GET has not)."""


def problem(
    request: HttpRequest,
    status: int,
    detail: str,
    *,
    kind: str | None = None,
    errors: list | None = None,
    headers: dict | None = None,
    extensions: dict | None = None,
) -> HttpResponse:
    """A problem+json response. Plain ``HttpResponse`` (not DRF's ``Response``) so the
    middleware can answer the same body for requests no DRF view saw."""
    body = {
        "type": PROBLEM_TYPES[kind] if kind else "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": request.path,
    }
    if errors:
        body["errors"] = errors
    body.update(extensions or {})
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=PROBLEM_CONTENT_TYPE
    )
    for name, value in (headers or {}).items():
        response[name] = value
    # An error about one token or one draft is nobody else's to keep.
    response["Cache-Control"] = "no-store"
    return response


def _pointer_errors(detail, path: str = "") -> list[dict]:
    """DRF's nested validation errors as a flat list of ``{"detail", "pointer"}``; the pointer
    escapes ``~`` and ``/`` in names as RFC 6901 asks."""
    if isinstance(detail, dict):
        found = []
        for name, inner in detail.items():
            if name == "non_field_errors":
                found += _pointer_errors(inner, path)
            else:
                escaped = str(name).replace("~", "~0").replace("/", "~1")
                found += _pointer_errors(inner, f"{path}/{escaped}")
        return found
    if isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            return [{"detail": str(item), "pointer": f"#{path}"} for item in detail]
        found = []
        for index, inner in enumerate(detail):
            found += _pointer_errors(inner, f"{path}/{index}")
        return found
    return [{"detail": str(detail), "pointer": f"#{path}"}]


def _parameter_errors(detail: dict) -> list[dict]:
    return [
        {"detail": str(message), "parameter": name}
        for name, messages in detail.items()
        for message in (messages if isinstance(messages, list) else [messages])
    ]


def exception_handler(exc: Exception, context: dict) -> HttpResponse | None:
    """DRF's ``EXCEPTION_HANDLER``: every error a DRF view raises, as one problem. An exception
    it does not know returns None, and the middleware answers the 500."""
    request = context["request"]
    if isinstance(exc, Http404):
        # One answer whether the object does not exist or is someone else's (the access
        # helper's 404s say which in their message): nobody learns which ids exist.
        return problem(request, 404, NOT_FOUND_DETAIL)
    if isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, RequestDataTooBig):
        return _too_large(request)
    if not isinstance(exc, exceptions.APIException):
        return None
    if isinstance(exc, Problem):
        return problem(
            request,
            exc.status_code,
            str(exc.detail),
            kind=exc.kind,
            headers=exc.headers,
            extensions=exc.extensions,
        )
    headers = {}
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        # DRF sends WWW-Authenticate from the view's authenticator; say it here too, as 401 must.
        headers["WWW-Authenticate"] = 'Bearer realm="api"'
    if isinstance(exc, exceptions.Throttled):
        wait = max(1, int(exc.wait or 1))
        headers["Retry-After"] = str(wait)
        if isinstance(exc, TooManyFailedTokens):
            said = "Too many requests with a token that is not valid came from this address"
        else:
            said = "This token has made too many requests"
        return problem(
            request,
            429,
            f"{said}. Try again in {wait} seconds.",
            kind="rate-limited",
            headers=headers,
        )
    if isinstance(exc, exceptions.ValidationError):
        if isinstance(exc, InvalidParameters):
            errors = _parameter_errors(exc.detail)
        else:
            errors = _pointer_errors(exc.detail)
        return problem(
            request,
            400,
            "The request is not valid: see errors.",
            kind="invalid-request",
            errors=errors,
        )
    kind = None
    if isinstance(exc, MissingScope):
        kind = "missing-scope"
    elif isinstance(exc, InvalidToken):
        kind = "invalid-token"
    detail = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
    return problem(request, exc.status_code, str(detail), kind=kind, headers=headers)


def _too_large(request: HttpRequest) -> HttpResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 1024
    return problem(
        request,
        413,
        f"The request body is over {limit} KiB: nothing was read or saved.",
        kind="too-large",
    )


#: What a problem says for an error that never reached a DRF view, by status.
GENERIC_DETAILS = {
    400: "The request is not valid.",
    403: "You may not do this.",
    404: "There is nothing at this path in the API.",
    405: "This path does not answer this method.",
    413: "The request body is too large: nothing was read or saved.",
    500: "Something went wrong on the server. It has been logged; try again later.",
}


class ProblemDetailsMiddleware:
    """Under ``/api/`` only: a body larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` is refused (413)
    before any view reads it (DRF's parsers read the stream without Django's check); an error
    answered by Django (an unknown path, its 500) becomes a problem; elsewhere nothing changes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            return _too_large(request)
        response = self.get_response(request)
        if response.status_code >= 400 and not response.get("Content-Type", "").startswith(
            PROBLEM_CONTENT_TYPE
        ):
            status = response.status_code
            answer = problem(
                request, status, GENERIC_DETAILS.get(status, HTTPStatus(status).phrase)
            )
            # The other middleware's headers (Allow, the CSP, Vary…) and cookies stay; only the
            # body and what describes it change.
            for name, value in response.items():
                if name.lower() not in ("content-type", "content-length", "cache-control"):
                    answer[name] = value
            answer.cookies = response.cookies
            return answer
        return response

    def process_exception(self, request: HttpRequest, exception: Exception):
        """An exception no view handled: logged as Django logs it, answered as a problem."""
        if not request.path.startswith(API_PREFIX):
            return None
        if isinstance(exception, Http404):
            return problem(request, 404, GENERIC_DETAILS[404])
        logger.error(
            "Internal Server Error: %s",
            request.path,
            exc_info=exception,
            extra={"status_code": 500, "request": request},
        )
        return problem(request, 500, GENERIC_DETAILS[500])

"""Error pages Django's own would leave unclear (named in jdbuilder/urls.py as handlers)."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.views import defaults


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` is 413 in words a person can act on (Django
    answers it with a bare 400); every other bad request is Django's 400."""
    if isinstance(exception, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 1024
        return HttpResponse(
            f"The form is too large to send (over {limit} KiB): nothing was saved or checked. "
            "Shorten the longest texts and try again.",
            status=413,
            content_type="text/plain; charset=utf-8",
        )
    return defaults.bad_request(request, exception)

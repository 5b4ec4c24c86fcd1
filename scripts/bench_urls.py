"""The product's URLs, unchanged, plus one fixed trivial view that `make bench` measures other
pages against: a signed-in page rendering a constant template. It lives here, not in the product
(`/healthz` is no yardstick: it will grow when the queue is added)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from jdbuilder.urls import urlpatterns as product_urlpatterns

TRIVIAL_URL = "/bench/trivial/"
_TEMPLATE = engines["django"].from_string(
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Trivial</title></head>'
    "<body><p>A constant page for signed-in users.</p></body></html>\n"
)


@login_required
def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_TEMPLATE.render(request=request))


# After the product's own patterns, so they resolve exactly as in production.
urlpatterns = [*product_urlpatterns, path(TRIVIAL_URL.strip("/") + "/", trivial)]

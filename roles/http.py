"""HTTP helpers every view (and later the API) shares: who is asking from where, and how often;
ids read from URLs and forms; file names of downloads; the stored files the app serves itself
(an approved PDF, a PNG, the organisation's logo). View modules do not import each other, so
what two of them need is written here once.

Rate limits are fixed windows counted in the shared cache (Redis in production, files on one
machine). Written here rather than taken from django-ratelimit: the app needs two calls (count a
hit, say when to come back) over the cache it already has, and the client address must come from
the one ``client_ip`` below, which django-ratelimit would read its own way.
"""

import ipaddress
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.text import slugify


def client_ip(request: HttpRequest) -> str:
    """The address of the client, as the trusted proxies in front of the app saw it.

    With ``TRUSTED_PROXY_COUNT`` = n proxies, each appends the address it received the request
    from to ``X-Forwarded-For``; the n-th address from the right was appended by the outermost
    trusted proxy, so a client cannot forge it (whatever it wrote itself stands further left).
    With no trusted proxy (the default), ``X-Forwarded-For`` is ignored: the peer is the client.
    Also django-axes' ``AXES_CLIENT_IP_CALLABLE``, so sign-in lockouts count the same address.
    """
    peer = request.META.get("REMOTE_ADDR", "") or "0.0.0.0"
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return peer
    # Bounded: a header of thousands of addresses is split once, and only its tail is read.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")[-4096:]
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if len(hops) < count:
        # Fewer hops than trusted proxies: the request did not come through all of them (or a
        # proxy was bypassed); the peer is the best address there is.
        return peer
    candidate = hops[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return peer


def axes_client_ip(request: HttpRequest) -> str:
    """``client_ip`` under the signature django-axes calls (``AXES_CLIENT_IP_CALLABLE``)."""
    return client_ip(request)


@dataclass(frozen=True)
class RateLimit:
    """At most ``limit`` hits per ``seconds`` for one scope and one key (a person, a link)."""

    scope: str
    limit: int
    seconds: int

    def hit(self, key: str | int) -> int | None:
        """Count one hit for ``key``; ``None`` while within the limit, else the seconds until
        the window ends (for ``Retry-After``)."""
        if not settings.RATE_LIMITS_ENABLED:
            return None
        now = time.time()
        window = int(now // self.seconds)
        cache_key = f"rate:{self.scope}:{key}:{window}"
        # add() is a no-op when the key exists; incr() is atomic on Redis (the file cache on one
        # machine may lose a count under a race, which only errs on the side of letting one in).
        cache.add(cache_key, 0, timeout=self.seconds + 1)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.add(cache_key, 1, timeout=self.seconds + 1)
            count = 1
        if count <= self.limit:
            return None
        return max(1, int((window + 1) * self.seconds - now + 0.999))


#: A PDF a person has not downloaded before may cost a render: at most this many a minute each,
#: from the pages and the API together (a "being prepared" page asking again counts too: every
#: 5 s, well under it).
PDF_DOWNLOADS = RateLimit("pdf-download", limit=30, seconds=60)


def too_many_requests(retry_after: int, message: str) -> HttpResponse:
    """A 429 with ``Retry-After``, in words a person can act on."""
    response = HttpResponse(
        f"{message} Try again in {retry_after} seconds.",
        status=429,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(retry_after)
    return response


#: The largest id a row can have: primary keys are ``BigAutoField`` (``DEFAULT_AUTO_FIELD``), a
#: signed 64-bit integer on SQLite and PostgreSQL alike. A larger "id" is refused where it is
#: read, rather than handed to the database driver.
LARGEST_ID = 2**63 - 1


def parse_id(value: object) -> int | None:
    """``value`` (text from a URL's query string or a form) as a row id from 1 to ``LARGEST_ID``;
    None when it is anything else. Only ASCII digits: ``isdecimal`` and ``isdigit`` also accept
    other scripts' digits ("١٢"), which ``int`` would read as 12. The length is checked first, so
    a long string of digits is never converted."""
    text = str(value)
    if not (text.isascii() and text.isdecimal()) or len(text) > len(str(LARGEST_ID)):
        return None
    number = int(text)
    return number if 1 <= number <= LARGEST_ID else None


def filename_stem(title: str) -> str:
    """A download's file name before its extension, made from a title: 'vp-of-operations'
    (at most 80 characters; 'job-description' when the title has no letter or digit)."""
    return slugify(title)[:80] or "job-description"


def approved_pdf_response(approval) -> FileResponse:
    """An ``Approval``'s PDF, exactly as stored at approval, as a download served by the app (never
    a link to the storage, which on S3 is a bucket URL outside the app's rules). The caller has
    checked who may read it; a file that cannot be read is a 404."""
    try:
        content = approval.pdf.open("rb")
    except OSError as error:
        raise Http404("The approved PDF cannot be read.") from error
    filename = f"{filename_stem(approval.title)}-approved-{approval.approved_at:%Y-%m-%d}.pdf"
    response = FileResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_response(file, *, cache_control: str) -> FileResponse:
    """A stored PNG (a ``FieldFile``) for a browser: ``image/png``, never sniffed as anything
    else. 404 when it cannot be read or is not a PNG (an upload from before logos were
    re-encoded): nothing else is served under this content type."""
    try:
        content = file.open("rb")
    except OSError as error:
        raise Http404("The picture cannot be read.") from error
    if content.read(len(PNG_SIGNATURE)) != PNG_SIGNATURE:
        content.close()
        raise Http404("The picture is not a PNG.")
    content.seek(0)
    response = FileResponse(content, content_type="image/png")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = cache_control
    return response


def logo_response(profile, *, cache_control: str) -> FileResponse:
    """The organisation's logo (of ``profile``, an ``OrganisationProfile``) for a browser: the PNG,
    never the SVG (see ``OrganisationProfile.browser_logo``), read through the storage API and
    served from the app's own origin, the only one its CSP allows. 404 when there is none."""
    logo = profile.browser_logo
    if logo is None:
        raise Http404("No logo.")
    return png_response(logo, cache_control=cache_control)

"""The public careers site: the open jobs, each job's page (its latest approved version, with its
schema.org JobPosting data), the same jobs as an Indeed XML feed and as a sitemap. No sign-in.

Every answer here is the same for everyone, so shared caches may keep it for a few minutes
(``PUBLIC_CACHE``): a job taken down leaves them within that time. Nothing here reads the
session's person or a CSP nonce, so nothing varies by visitor.
"""

import hashlib
import re
from contextlib import suppress

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from roles.access import get_public_posting
from roles.documents import DocumentRenderError
from roles.documents.data import DocumentData
from roles.documents.indeed_feed import FeedPosting, render_indeed_feed
from roles.documents.jobposting import json_ld_script
from roles.http import logo_response
from roles.models import OrganisationProfile
from roles.selectors.careers import Posting, public_postings

#: Shared caches and browsers may keep a public answer this long (seconds).
PUBLIC_CACHE_SECONDS = 300
public_cache = cache_control(public=True, max_age=PUBLIC_CACHE_SECONDS)
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_DEFAULT_ACCENT = "#0f4c81"


def _absolute(path: str) -> str:
    """``path`` at the site's own address (``DJANGO_SITE_URL``), as every e-mail's links are:
    the feed and the posting data name one address, whatever Host a request came with."""
    return settings.SITE_URL + path


def _logo_src(document: DocumentData) -> str:
    """The logo's public address, versioned by the stored file, when browsers can be given one
    (a PNG; an SVG only through its PNG copy)."""
    name = document.organisation.raster_logo_name
    if not name:
        return ""
    version = hashlib.sha256(name.encode()).hexdigest()[:12]
    return f"{reverse('roles:careers_logo')}?v={version}"


def _organisation_name(postings: list[Posting]) -> str:
    if postings:
        return postings[0].document.organisation.name
    return OrganisationProfile.load().name


@require_GET
@public_cache
def index(request: HttpRequest) -> HttpResponse:
    postings = public_postings()
    context = {
        "postings": postings,
        "organisation_name": _organisation_name(postings),
        "canonical_url": _absolute(reverse("roles:careers")),
    }
    return render(request, "careers/index.html", context)


@require_GET
@public_cache
def job(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    posting = get_public_posting(pk)
    if slug != posting.slug:
        # The number finds the job; the words after it follow its approved title.
        return HttpResponsePermanentRedirect(posting.path)
    document = posting.document
    logo_src = _logo_src(document)
    job_posting = ""
    # Approved without a work location, the page shows without posting data (which needs one).
    with suppress(DocumentRenderError):
        job_posting = json_ld_script(
            document,
            url=_absolute(posting.path),
            logo_url=_absolute(logo_src) if logo_src else "",
        )
    accent = document.organisation.accent_colour
    context = {
        "doc": document,
        "posting": posting,
        "canonical_url": _absolute(posting.path),
        "logo_src": logo_src,
        "job_posting": job_posting,
        "organisation_name": document.organisation.name,
        # Only an http(s) address becomes a link (the field allows no other, checked again).
        "apply_url": document.apply_url
        if document.apply_url.startswith(("https://", "http://"))
        else "",
        "accent": accent.removeprefix("#") if _COLOUR.fullmatch(accent) else "",
    }
    return render(request, "careers/job.html", context)


@require_GET
@cache_control(public=True, max_age=60 * 60 * 24)
def theme(request: HttpRequest) -> HttpResponse:
    """The organisation's accent colour as a stylesheet: the document's inline style needs a
    per-response CSP nonce, which a page shared caches keep must not carry. Named with the
    colour (``?c=``), so a new colour is a new address."""
    colour = OrganisationProfile.load().accent_colour
    if not _COLOUR.fullmatch(colour):
        colour = _DEFAULT_ACCENT
    return HttpResponse(
        f".jd {{ --jd-accent: {colour}; }}\n", content_type="text/css; charset=utf-8"
    )


@require_GET
def logo(request: HttpRequest) -> FileResponse:
    """The organisation's logo for the careers pages and their posting data (named with a
    version, ``?v=``, that changes with every new logo)."""
    return logo_response(OrganisationProfile.load(), cache_control="public, max-age=86400")


@require_GET
@public_cache
def feed(request: HttpRequest) -> HttpResponse:
    """Every public posting, once per work location, in Indeed's XML format (docs/api.md)."""
    postings = public_postings()
    content = render_indeed_feed(
        [
            FeedPosting(number=p.job_description_id, url=_absolute(p.path), document=p.document)
            for p in postings
        ],
        publisher=_organisation_name(postings) or settings.SITE_URL.split("://", 1)[-1],
        publisher_url=_absolute(reverse("roles:careers")),
        built_at=timezone.now(),
    )
    return HttpResponse(content, content_type="application/xml; charset=utf-8")


class _AtSiteUrl(Sitemap):
    """Addresses at ``DJANGO_SITE_URL``, as the feed and the posting data name them."""

    def get_protocol(self, protocol: str | None = None) -> str:
        return settings.SITE_URL.split("://", 1)[0]

    def get_domain(self, site=None) -> str:
        return settings.SITE_URL.split("://", 1)[-1]


class CareersIndexSitemap(_AtSiteUrl):
    changefreq = "daily"

    def items(self) -> list[str]:
        return ["roles:careers"]

    def location(self, item: str) -> str:
        return reverse(item)


class CareersJobSitemap(_AtSiteUrl):
    changefreq = "weekly"

    def items(self) -> list[Posting]:
        return public_postings()

    def location(self, item: Posting) -> str:
        return item.path

    def lastmod(self, item: Posting):
        return item.approved_at


SITEMAPS = {"careers": CareersIndexSitemap, "jobs": CareersJobSitemap}


@require_GET
@public_cache
def sitemap(request: HttpRequest) -> HttpResponse:
    """The careers pages as a sitemap (django.contrib.sitemaps), for search engines."""
    return sitemap_views.sitemap(request, sitemaps=SITEMAPS)


@require_GET
@cache_control(public=True, max_age=60 * 60 * 24)
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers may read the careers pages and the public share links (whose pages say for
    themselves whether to index them), and the static files they need; the rest of the app is
    behind a sign-in."""
    static = (
        settings.STATIC_URL if settings.STATIC_URL.startswith("/") else f"/{settings.STATIC_URL}"
    )
    lines = [
        "User-agent: *",
        "Allow: /careers/",
        "Allow: /s/",
        f"Allow: {static}",
        "Disallow: /",
        f"Sitemap: {_absolute(reverse('roles:careers_sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")

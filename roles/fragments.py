"""HTML fragments cached across requests, and the fingerprint of the code that renders them."""

import hashlib
from collections.abc import Callable
from functools import lru_cache
from importlib.metadata import version

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

#: Libraries whose templates or widgets end up in cached HTML.
_RENDERING_LIBRARIES = ("Django", "django-crispy-forms", "crispy-bootstrap5", "Jinja2")
FRAGMENT_CACHE_SECONDS = 60 * 60 * 24


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A fingerprint of this release's templates and Python code and the rendering libraries'
    versions: HTML cached by one release (in a shared Redis, say) is never served by another."""
    digest = hashlib.sha256()
    for library in _RENDERING_LIBRARIES:
        digest.update(f"{library}=={version(library)}\n".encode())
    base = settings.BASE_DIR
    code = [
        *base.glob("templates/**/*.html"),
        *base.glob("roles/**/*.py"),
        *base.glob("jdbuilder/*.py"),
    ]
    for path in sorted(code):
        digest.update(str(path.relative_to(base)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cached_fragment(template_name: str, context: Callable[[], dict], *, key: str) -> SafeString:
    """``template_name`` rendered with the dict ``context()`` returns (called only when the
    cache misses), from the cache when ``key`` was rendered by this release before. Rendered
    without the request, so nothing personal can be cached: ``key`` must name everything the
    output depends on."""
    cache_key = f"fragment:{code_fingerprint()}:{template_name}:{key}"
    html = cache.get(cache_key)
    if html is None:
        html = render_to_string(template_name, context())
        cache.set(cache_key, html, FRAGMENT_CACHE_SECONDS)
    return mark_safe(html)

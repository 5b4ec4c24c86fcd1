"""The only way WeasyPrint reads a file: the app's static files from disk and the media files
(the logo) the web process hands over. Every other URL is refused, so no text a user types can
make the server fetch anything."""

import logging
import mimetypes
from contextlib import suppress
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

#: Documents are rendered against this made-up origin; the fetcher maps it to the app's files.
#: ``.invalid`` is reserved (RFC 2606), so nothing could ever answer it even if something tried.
DOCUMENT_ORIGIN = "https://document.jdbuilder.invalid"


class DocumentFetchError(ValueError):
    """A URL the document may not load."""


class StaticFilesURLFetcher(URLFetcher):
    """Serve the app's static files from disk and the media files it is given; refuse every
    other URL."""

    def __init__(self, media: dict[str, bytes] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        #: Media files by URL path (``/media/logos/x.png``), read through Django's storage by the
        #: web process: the render process never opens media storage itself.
        self.media = media or {}

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        path = self.url_path(url)
        mime_type, _ = mimetypes.guess_type(path)
        return URLFetcherResponse(
            url,
            body=self.read(url, path),
            headers={"Content-Type": mime_type or "application/octet-stream"},
        )

    @staticmethod
    def url_path(url: str) -> str:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin != DOCUMENT_ORIGIN or parts.query:
            raise DocumentFetchError(f"Refusing to fetch {url!r}: not one of the app's files.")
        return unquote(parts.path)

    def read(self, url: str, path: str) -> bytes:
        static_prefix = "/" + settings.STATIC_URL.lstrip("/")
        if path.startswith(static_prefix):
            found = None
            with suppress(SuspiciousFileOperation):  # The path climbs out of its folder.
                found = finders.find(path.removeprefix(static_prefix))
            if found and Path(found).is_file():
                return Path(found).read_bytes()
        elif path in self.media:
            return self.media[path]
        raise DocumentFetchError(f"Refusing to fetch {url!r}: no such app file.")


def media_path(name: str) -> str:
    """The URL path under which the document refers to the media file ``name``."""
    return "/" + settings.MEDIA_URL.strip("/") + "/" + name


def document_media(logo_name: str) -> dict[str, bytes]:
    """The media files a document may show (the organisation's logo), read through Django's
    storage (local folder or S3), by the URL path the document uses for them."""
    if not logo_name:
        return {}
    try:
        with default_storage.open(logo_name, "rb") as logo:
            return {media_path(logo_name): logo.read()}
    except OSError:
        logger.warning("The organisation logo %s cannot be read", logo_name)
        return {}

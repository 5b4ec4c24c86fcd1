"""The web origins whose pages may call the API's text check from a browser (#29): an admin
lists each one; none is listed unless someone decides to. Everything else of the API is server
to server and answers no browser from another origin."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models

#: scheme://host[:port] is at most this long (a host name is at most 253 characters).
ORIGIN_MAX_LENGTH = 300
DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise_origin(value: str) -> str:
    """``value`` as a browser sends it in ``Origin``: the scheme and host in lower case, the port
    only when it is not the scheme's default, nothing else. Raises ``ValidationError`` for
    anything that is not one web origin (a path, a user name, ``*``, ``null``)."""
    text = value.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as error:
        raise ValidationError("Enter an origin: scheme://host or scheme://host:port.") from error
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ValidationError("Enter an origin starting https:// (or http://), with a host.")
    if parts.username or parts.password or parts.path or parts.query or parts.fragment:
        raise ValidationError(
            "An origin is the scheme, the host and the port only: no path, not even “/”, "
            "no query, no user name."
        )
    if "*" in parts.hostname:
        raise ValidationError("List each origin itself: wildcards are not taken.")
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"  # an IPv6 address, written as a browser writes it
    if port is None or port == DEFAULT_PORTS[scheme]:
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


class ApiCorsOrigin(models.Model):
    """An origin whose pages may call ``POST /api/v1/check/`` from a browser (CORS). Matched
    exactly against the request's ``Origin`` header."""

    origin = models.CharField(
        max_length=ORIGIN_MAX_LENGTH,
        unique=True,
        help_text="Exactly as the browser sends it: https://ats.example.com or "
        "https://ats.example.com:8443 (no path, no trailing slash).",
    )
    note = models.CharField(
        max_length=200, blank=True, help_text="Whose pages these are, and why they may call."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["origin"]
        verbose_name = "API origin allowed in browsers"
        verbose_name_plural = "API origins allowed in browsers"

    def __str__(self) -> str:
        return self.origin

    def clean(self) -> None:
        super().clean()
        try:
            self.origin = normalise_origin(self.origin)
        except ValidationError as error:
            raise ValidationError({"origin": error.messages}) from None

    @classmethod
    def allows(cls, origin: str) -> bool:
        """Whether the ``Origin`` header ``origin`` is listed, exactly (bounded: a header longer
        than any listed origin is refused before the database is asked)."""
        if not origin or len(origin) > ORIGIN_MAX_LENGTH:
            return False
        return cls.objects.filter(origin=origin).exists()

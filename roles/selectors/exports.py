"""Reads for the bulk exports page. Separate to mirror ``roles/services/exports.py``: what the
page lists is bounded by how long the service keeps an export."""

from django.utils import timezone

from roles.models import BULK_EXPORT_KEPT_FOR


def recent_bulk_exports(user, limit: int = 20):
    """The person's bulk exports of the last two days (they are kept one), newest first."""
    since = timezone.now() - BULK_EXPORT_KEPT_FOR * 2
    return user.bulk_exports.filter(created_at__gte=since)[:limit]

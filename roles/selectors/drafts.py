"""Reads for the drafts lists (mine, everyone's, the trash): their search, filters and sorts.
Separate because the lists are the pages most people open most often; their columns are chosen
here (``only``) to match what the lists show."""

from roles.models import JobDescription

#: How the drafts lists sort, by the name the page sends: (label, ordering). The default is
#: the newest edit first, which the owner's index serves.
DRAFT_SORTS = {
    "": ("Last edited, newest first", ("-updated_at", "-pk")),
    "edited": ("Last edited, oldest first", ("updated_at", "pk")),
    "title": ("Title", ("title", "pk")),
    "level": ("Level", ("level__rank", "title", "pk")),
    "status": ("Status", ("review_state", "-updated_at", "-pk")),
    "owner": ("Owner", ("owner__username", "-updated_at", "-pk")),
}


def _filtered(drafts, query: str, filters: dict | None):
    """``drafts`` matching the title ``query`` and the lists' filters (status, level, owner),
    in the chosen order."""
    filters = filters or {}
    drafts = drafts.search(query)
    if filters.get("status"):
        drafts = drafts.filter(review_state=filters["status"])
    if filters.get("level"):
        drafts = drafts.filter(level_id=filters["level"])
    if filters.get("owner"):
        drafts = drafts.filter(owner__username=filters["owner"])
    return drafts.order_by(*DRAFT_SORTS.get(filters.get("sort", ""), DRAFT_SORTS[""])[1])


def drafts_owned_by(user, query: str = "", filters: dict | None = None):
    """``user``'s live drafts, newest edit first, matching ``query`` in the title."""
    return (
        _filtered(JobDescription.objects.owned_by(user).live(), query, filters)
        .select_related("level")
        .only(
            "pk",
            "title",
            "level__name",
            "company",
            "department",
            "requisition_id",
            "updated_at",
            "open_findings",
            "review_state",
        )
        # Drafts of one role tell apart by where they are (one query for the page).
        .prefetch_related("locations")
    )


def drafts_of_everyone(query: str = "", filters: dict | None = None):
    """Every live draft of the organisation with its owner's name, newest edit first."""
    return (
        _filtered(JobDescription.objects.live(), query, filters)
        .select_related("owner", "level")
        .only(
            "pk",
            "title",
            "level__name",
            "company",
            "department",
            "requisition_id",
            "updated_at",
            "open_findings",
            "owner__username",
            "owner__first_name",
            "owner__last_name",
            "review_state",
        )
        .prefetch_related("locations")
    )


def drafts_in_trash(user):
    """``user``'s drafts in the trash, most recently deleted first."""
    return (
        JobDescription.objects.owned_by(user)
        .trashed()
        .order_by("-deleted_at")
        .select_related("level")
        .only("pk", "title", "level__name", "company", "deleted_at")
    )

"""Reads for the public careers page, its Indeed feed and its sitemap: the JDs published there,
each as its latest approved version.

A JD is a public posting while both of these say so:
- its live row: marked "publish on the careers page", posted externally (or both ways), not
  archived, not in the trash, not past its closing date, and approved at least once;
- its latest approved version (what the page shows): marked for the careers page, posted
  externally, with a posting date, and not past its closing date.
So publishing waits for an approval that says "publish", while taking a job down (untick, mark
internal, archive, trash, a closing date passed) takes effect at once, without one.

Every read here is a fixed number of queries, however many postings there are.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from reversion.models import Version

from roles.documents.data import DocumentData, Organisation, document_from_version
from roles.models import (
    Approval,
    JobDescription,
    Level,
    OrganisationProfile,
    PostingAudience,
    ReviewState,
)

#: The audiences a public page may show: an internal-only posting is not advertised.
PUBLIC_AUDIENCES = (PostingAudience.EXTERNAL, PostingAudience.BOTH)


@dataclass(frozen=True)
class Posting:
    """One public posting: the JD's number, its approval, and the approved document."""

    job_description_id: int
    approved_at: datetime
    document: DocumentData

    @property
    def slug(self) -> str:
        """The approved title as the address's readable part ("vp-of-operations"); it follows
        the title, the number alone finds the page (a wrong slug is redirected)."""
        return slugify(self.document.title)[:80].strip("-") or "job"

    @property
    def path(self) -> str:
        return reverse("roles:careers_job", args=[self.job_description_id, self.slug])


def _is_open(document: DocumentData, today: date) -> bool:
    """What the approved version must say for the page to show it."""
    return (
        document.publish_on_careers_page
        and document.audience in PUBLIC_AUDIENCES
        and document.posting_date is not None
        and (document.closing_date is None or document.closing_date >= today)
    )


def _candidates(today: date):
    """The live rows that may be public postings, each with its latest approval's id."""
    latest_approval = Approval.objects.filter(job_description=OuterRef("pk")).order_by(
        "-approved_at", "-pk"
    )
    return (
        JobDescription.objects.live()
        .filter(publish_on_careers_page=True, audience__in=PUBLIC_AUDIENCES)
        .exclude(review_state=ReviewState.ARCHIVED)
        .filter(Q(closing_date__isnull=True) | Q(closing_date__gte=today))
        .annotate(latest_approval_id=Subquery(latest_approval.values("pk")[:1]))
        .filter(latest_approval_id__isnull=False)
    )


def public_postings(*, pk: int | None = None, today: date | None = None) -> list[Posting]:
    """The public postings (only JD ``pk``'s, if given), newest posting date first, each as its
    latest approved version. In the same few queries, however many there are."""
    today = today or timezone.localdate()
    candidates = _candidates(today)
    if pk is not None:
        candidates = candidates.filter(pk=pk)
    approval_ids = list(candidates.values_list("latest_approval_id", flat=True))
    if not approval_ids:
        return []
    approvals = list(Approval.objects.filter(pk__in=approval_ids))
    # Each approval pinned one revision; the JD's own row in it is the version to read.
    versions = Version.objects.filter(
        content_type=ContentType.objects.get_for_model(JobDescription),
        revision__in={approval.revision_id for approval in approvals},
        object_id__in={str(approval.job_description_id) for approval in approvals},
    ).prefetch_related("revision__version_set")
    version_of = {(v.revision_id, v.object_id): v for v in versions}
    found = [
        (approval, version_of[approval.revision_id, str(approval.job_description_id)])
        for approval in approvals
        if (approval.revision_id, str(approval.job_description_id)) in version_of
    ]
    slugs = {version.field_dict.get("level_id") for _, version in found}
    levels = {level.slug: level for level in Level.objects.filter(slug__in=slugs)}
    organisation = Organisation.from_profile(OrganisationProfile.load())
    postings = []
    for approval, version in found:
        document = document_from_version(
            version, organisation, level=levels.get(version.field_dict.get("level_id"))
        )
        if _is_open(document, today):
            postings.append(
                Posting(
                    job_description_id=approval.job_description_id,
                    approved_at=approval.approved_at,
                    document=document,
                )
            )
    postings.sort(key=lambda p: (p.document.posting_date, p.job_description_id), reverse=True)
    return postings


def public_posting(pk: int) -> Posting | None:
    """JD ``pk``'s public posting, or None if it is not one (for whatever reason)."""
    postings = public_postings(pk=pk)
    return postings[0] if postings else None

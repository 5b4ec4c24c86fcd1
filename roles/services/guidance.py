"""Guidance on a draft: "keep as written" for a finding, and the count of open findings that the
drafts lists show (stored when the draft is saved, never computed per row; counted by
``roles.selectors.guidance.open_findings``)."""

from django.db import transaction

from roles.models import FindingDismissal, JobDescription
from roles.models.guidance import FINDING_DISMISSALS_MAX
from roles.selectors.guidance import open_findings


class DismissalRefused(Exception):
    """The finding cannot be kept as written: the message says why."""


def finding_dismiss(*, job_description: JobDescription, key: str, text_digest: str, user) -> None:
    """Keep the finding ``key`` as written while its text hashes to ``text_digest``; refused
    (nothing written) past ``FINDING_DISMISSALS_MAX`` on the draft."""
    with transaction.atomic():
        # The draft's row, locked: two dismissals at once cannot both take the last place.
        JobDescription.objects.select_for_update().filter(pk=job_description.pk).exists()
        dismissals = FindingDismissal.objects.filter(job_description=job_description)
        if (
            not dismissals.filter(finding_key=key[:200]).exists()
            and dismissals.count() >= FINDING_DISMISSALS_MAX
        ):
            raise DismissalRefused(
                f"A draft may have at most {FINDING_DISMISSALS_MAX} findings kept as written. "
                "Show some of them again, or change the text they point at."
            )
        FindingDismissal.objects.update_or_create(
            job_description=job_description,
            finding_key=key[:200],
            defaults={"text_digest": text_digest[:64], "dismissed_by": user},
        )
        jobdescription_store_open_findings(job_description=job_description)


def finding_restore(*, job_description: JobDescription, key: str) -> None:
    """Show a finding kept as written again."""
    with transaction.atomic():
        FindingDismissal.objects.filter(job_description=job_description, finding_key=key).delete()
        jobdescription_store_open_findings(job_description=job_description)


def jobdescription_store_open_findings(*, job_description: JobDescription) -> int:
    """Check the draft as saved and store how many findings are open, for the lists."""
    count = open_findings(job_description)
    if count != job_description.open_findings:
        JobDescription.objects.filter(pk=job_description.pk).update(open_findings=count)
        job_description.open_findings = count
    return count

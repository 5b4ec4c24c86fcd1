"""Guidance on a draft: "keep as written" for a finding, and the count of open findings that the
drafts lists show (stored when the draft is saved, never computed per row; counted by
``roles.selectors.guidance.open_findings``)."""

from django.db import transaction
from django_tasks import task

from roles.models import ITEM_LISTS, FindingDismissal, JobDescription
from roles.models.guidance import FINDING_DISMISSALS_MAX
from roles.selectors.guidance import open_findings
from roles.services.tasks import again_later


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


def jobdescriptions_recount_open_findings() -> int:
    """Store every live draft's open findings again, after the rules changed (the lists show the
    stored counts, never counting per row); how many counts changed."""
    changed = 0
    drafts = (
        JobDescription.objects.live()
        .select_related("level")
        .prefetch_related(*(name for name, *_ in ITEM_LISTS))
        .order_by("pk")
    )
    for draft in drafts.iterator(chunk_size=200):
        before = draft.open_findings
        if jobdescription_store_open_findings(job_description=draft) != before:
            changed += 1
    return changed


@task()
def recount_open_findings(attempt: int = 1) -> str:
    """Recount every live draft's open findings in the background (a rules change)."""
    try:
        return f"{jobdescriptions_recount_open_findings()} changed"
    except Exception:
        again_later(recount_open_findings, attempt)
        raise


def recount_open_findings_later() -> None:
    """Queue the recount once the current transaction commits (the rules it will read)."""
    if JobDescription.objects.live().exists():
        transaction.on_commit(recount_open_findings.enqueue)


def recount_after_migrate(sender, plan=None, **kwargs) -> None:
    """After a migrate that applied a migration marked ``recounts_findings`` (one that changes
    the guidance rules, 0042), the stored counts are recounted in the background."""
    if any(
        getattr(migration, "recounts_findings", False) and not backwards
        for migration, backwards in plan or ()
    ):
        recount_open_findings_later()

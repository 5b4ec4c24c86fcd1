"""Guidance on a draft: "keep as written" for a finding, and the count of open findings that the
drafts lists show (stored when the draft is saved, never computed per row; counted by
``roles.selectors.guidance.open_findings``)."""

import hashlib
import logging

from django.db import transaction
from django_tasks import task

from roles.checks.level import check_level, scope_reading
from roles.documents.data import document_from_draft
from roles.models import ITEM_LISTS, FindingDismissal, JobDescription
from roles.models.guidance import FINDING_DISMISSALS_MAX
from roles.selectors.guidance import guidance_rules, open_findings
from roles.services.tasks import again_later

logger = logging.getLogger(__name__)


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


#: The code of the level finding whose shape issue #25 changed.
_LEVEL_SIGNAL = "level-signal"


def _place(section: str, position: int | None, item_id: int | None) -> tuple[str, str]:
    """(section, where) as a finding's key writes them (``Finding.key``)."""
    where = item_id if item_id is not None else position
    return section, "" if where is None else str(where)


def level_dismissals_carry_over() -> tuple[int, int]:
    """Carry level findings kept as written across issue #25's change of that finding: before
    it, each level signal was a finding of its own; now one finding names the whole draft's
    evidence, so a dismissal made on an old one no longer matches it. Where a draft's old
    dismissal is at a place the new finding's evidence comes from, with that text unchanged,
    the new finding is kept as written too, in the same person's name. Every other old level
    dismissal, which matches no finding now, is dropped and logged. Returns (carried, dropped).
    """
    carried = dropped = 0
    rules = guidance_rules()
    drafts = (
        JobDescription.objects.live()
        .filter(dismissals__finding_key__startswith=f"{_LEVEL_SIGNAL}:")
        .distinct()
        .select_related("level")
        .order_by("pk")
    )
    for draft in drafts:
        # As typed, not normalised: a dismissal's digest is of the text as typed.
        document = document_from_draft(draft)
        own = rules.level(document.level)
        reading = scope_reading(document, own, rules) if own else None
        new = (
            next(f for f in check_level(document, rules) if f.code == _LEVEL_SIGNAL)
            if reading
            else None
        )
        evidence = {
            (*_place(e.section, e.position, e.item_id), hashlib.sha256(e.text.encode()).hexdigest())
            for e in (reading.evidence if reading else ())
        }
        with transaction.atomic():
            old = list(draft.dismissals.filter(finding_key__startswith=f"{_LEVEL_SIGNAL}:"))
            seen = [
                d for d in old if (*d.finding_key.split(":", 3)[1:3], d.text_digest) in evidence
            ]
            holds = any(
                d.finding_key == new.key and d.text_digest == new.text_digest
                for d in old
                if new is not None
            )
            if new is not None and seen and not holds:
                FindingDismissal.objects.update_or_create(
                    job_description=draft,
                    finding_key=new.key[:200],
                    defaults={
                        "text_digest": new.text_digest,
                        "dismissed_by": seen[0].dismissed_by,
                    },
                )
                carried += 1
            stale = [d for d in old if new is None or d.finding_key != new.key]
            for dismissal in stale:
                logger.info(
                    "Draft %s: the level finding kept as written “%s” matches no finding now "
                    "(one level finding names the whole draft's evidence): dropped.",
                    draft.pk,
                    dismissal.finding_key,
                )
            FindingDismissal.objects.filter(pk__in=[d.pk for d in stale]).delete()
            dropped += len(stale)
            jobdescription_store_open_findings(job_description=draft)
    return carried, dropped


def recount_after_migrate(sender, plan=None, **kwargs) -> None:
    """After a migrate that applied a migration marked ``recounts_findings`` (one that changes
    the guidance rules, 0042), the stored counts are recounted in the background. One marked
    ``carries_level_dismissals`` (0057) carries level findings kept as written over first, with
    the current models and checks (a migration's historical models have neither)."""
    applied = [migration for migration, backwards in plan or () if not backwards]
    if any(getattr(migration, "carries_level_dismissals", False) for migration in applied):
        carried, dropped = level_dismissals_carry_over()
        if carried or dropped:
            logger.info(
                "Level findings kept as written: %s carried over, %s dropped.", carried, dropped
            )
    if any(getattr(migration, "recounts_findings", False) for migration in applied):
        recount_open_findings_later()

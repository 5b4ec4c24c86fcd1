"""Reads that several views share: draft lists, saved versions, what a save changed, and the task
queue as the web sees it (is a worker alive, what waits, what failed)."""

from dataclasses import dataclass
from datetime import timedelta

import django_rq
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Case, Count, F, Min, Prefetch, Q, When
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max
from redis.exceptions import RedisError
from reversion.models import Version
from rq import Worker
from rq.defaults import DEFAULT_FAILURE_TTL
from rq.registry import FailedJobRegistry

from .checks.findings import Finding
from .checks.guidance import check_document, check_organisation
from .checks.level_guide import GuideAnswer, GuideQuestion
from .checks.pay_band import BandRule, ladder_problem
from .checks.rules import CodedWord, GuidanceRules, LanguageRule, LevelRule, PayRule, Signal
from .models import (
    BULK_EXPORT_KEPT_FOR,
    COMMENT_SECTIONS,
    ITEM_LISTS,
    FindingDismissal,
    GenderCodedException,
    GenderCodedWord,
    GuidanceStamp,
    JobDescription,
    LanguageTerm,
    Level,
    LevelGuideQuestion,
    LevelSignal,
    PayBand,
    PayTransparencyRule,
    ReviewDecision,
    ReviewState,
    RoleTemplate,
    TermCategory,
    WorkerHeartbeat,
)
from .models.review import OWNER_GROUPS
from .tasks import render_failure_key, render_trouble_key

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
            "updated_at",
            "open_findings",
            "review_state",
        )
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
            "updated_at",
            "open_findings",
            "owner__username",
            "review_state",
        )
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


def jobdescription_versions(job_description: JobDescription):
    """The saved revisions of a draft, newest first, with who made them."""
    return (
        Version.objects.get_for_object(job_description)
        .select_related("revision", "revision__user")
        .order_by("-revision__date_created", "-pk")
    )


def item_snapshot(version: Version) -> dict[str, dict[int, dict]]:
    """The revision's items, by list and id, as their stored field values."""
    snapshot: dict[str, dict[int, dict]] = {}
    for related_name, _content, _template_model, draft_model in ITEM_LISTS:
        content_type = ContentType.objects.get_for_model(draft_model)
        snapshot[related_name] = {
            int(v.object_id): v.field_dict
            for v in version.revision.version_set.all()
            if v.content_type_id == content_type.pk
        }
    return snapshot


#: Fields every save changes, or that are not what the document says.
_NOT_CONTENT = {"owner", "version", "updated_at", "deleted_at", "created_at", "open_findings"}


def describe_changes(newer: Version, older: Version | None) -> str:
    """'Title, Summary; responsibilities: 1 added, 2 changed' — what a save changed."""
    if older is None:
        return "First version"
    fields = [
        JobDescription._meta.get_field(name).verbose_name.capitalize()
        for name, value in newer.field_dict.items()
        if name in older.field_dict and older.field_dict[name] != value and name not in _NOT_CONTENT
    ]
    parts = [", ".join(fields)] if fields else []
    new_items, old_items = item_snapshot(newer), item_snapshot(older)
    for related_name in new_items:
        now, before = new_items[related_name], old_items[related_name]
        added = len(now.keys() - before.keys())
        removed = len(before.keys() - now.keys())
        changed = sum(
            1
            for pk in now.keys() & before.keys()
            if {k: v for k, v in now[pk].items() if k != "position"}
            != {k: v for k, v in before[pk].items() if k != "position"}
        )
        moved = sum(
            1
            for pk in now.keys() & before.keys()
            if now[pk].get("position") != before[pk].get("position")
        )
        counts = [
            f"{n} {word}"
            for n, word in (
                (added, "added"),
                (removed, "removed"),
                (changed, "changed"),
                (moved, "moved"),
            )
            if n
        ]
        if counts:
            label = "KPIs" if related_name == "kpis" else related_name
            parts.append(f"{label}: {', '.join(counts)}")
    return "; ".join(parts) or "No content changes"


def version_history(job_description: JobDescription) -> list[tuple[Version, str]]:
    """Each saved version of the draft, newest first, with what its save changed."""
    versions = list(
        jobdescription_versions(job_description).prefetch_related("revision__version_set")
    )
    return [
        (
            version,
            describe_changes(version, versions[index + 1] if index + 1 < len(versions) else None),
        )
        for index, version in enumerate(versions)
    ]


def task_worker_running() -> bool:
    """Whether a background task worker has been heard from lately (documents are then rendered
    ahead of time; otherwise when someone asks for them)."""
    if settings.TASKS_BACKEND == "rq":
        try:
            return Worker.count(queue=django_rq.get_queue("default")) > 0
        except RedisError:  # Redis down: nothing will render ahead of time
            return False
    return WorkerHeartbeat.objects.alive().exists()


def background_render_failure(job_description: JobDescription) -> str:
    """Why rendering the PDF of the draft's current version failed ("" if it did not), and what
    to do: a version that cannot be rendered is not tried again (a new version is); a
    background render that gave up for another reason is tried again by the download."""
    pk, version = job_description.pk, job_description.version
    if failure := cache.get(render_failure_key(pk, version)):
        return f"{failure} Save a changed version to try again."
    if trouble := cache.get(render_trouble_key(pk, version)):
        return f"{trouble} Downloading it tries again."
    return ""


def task_queue_status(now=None) -> dict:
    """The task queue at a glance: tasks waiting to run, how long the oldest has waited, tasks
    that failed in the last hour, and workers alive."""
    now = now or timezone.now()
    if settings.TASKS_BACKEND == "rq":
        return _rq_queue_status(now)
    # A deferred task waits from its run_after, any other from when it was queued.
    waiting = DBTaskResult.objects.ready().aggregate(
        count=Count("pk"),
        since=Min(
            Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after"))
        ),
    )
    failed = DBTaskResult.objects.failed().filter(finished_at__gte=now - timedelta(hours=1))
    return {
        "waiting": waiting["count"],
        "oldest_wait_seconds": _seconds_since(waiting["since"], now),
        "failed_last_hour": failed.count(),
        "workers": WorkerHeartbeat.objects.alive(now).count(),
    }


def _seconds_since(moment, now) -> int:
    return round((now - moment).total_seconds()) if moment else 0


def _rq_queue_status(now) -> dict:
    queue = django_rq.get_queue("default")
    oldest = queue.get_job_ids(0, 0)
    job = queue.fetch_job(oldest[0]) if oldest else None
    failed = FailedJobRegistry(queue=queue)
    # RQ scores a failed job by when it expires: failed at + the failure TTL (a year by default).
    recent = now.timestamp() + DEFAULT_FAILURE_TTL - 3600
    return {
        "waiting": queue.count,
        "oldest_wait_seconds": _seconds_since(job.enqueued_at if job else None, now),
        "failed_last_hour": failed.connection.zcount(failed.key, recent, "+inf"),
        "workers": Worker.count(queue=queue),
    }


# The rules this process holds, with the version of the tables they were read at.
_rules_held: tuple[int | None, GuidanceRules | None] = (None, None)


def guidance_rules() -> GuidanceRules:
    """The admin's guidance tables as the plain values the checks take. Read from the database
    (five queries) when the tables changed since this process last read them, and otherwise
    held, with the patterns compiled from them, for the price of one query: every editor page,
    every save and every live check needs them (docs/guidance.md, "Speed")."""
    global _rules_held
    version = GuidanceStamp.objects.filter(pk=1).values_list("version", flat=True).first()
    held_version, held = _rules_held
    if held is not None and version is not None and held_version == version:
        return held
    rules = _read_guidance_rules()
    _rules_held = (version, rules)
    return rules


def _read_guidance_rules() -> GuidanceRules:
    levels = tuple(
        LevelRule(
            slug=level.slug,
            name=level.name,
            rank=level.rank,
            job_family=level.job_family,
            title_words=tuple(
                word.strip() for word in level.title_words.split(",") if word.strip()
            ),
            shortest_cadence=level.shortest_cadence,
            longest_cadence=level.longest_cadence,
            signals=tuple(
                Signal(signal.phrase, signal.explanation, signal.source)
                for signal in level.signals.all()
            ),
        )
        # Signals in the order they were added: the seed's most telling phrases come first.
        for level in Level.objects.prefetch_related(
            Prefetch("signals", queryset=LevelSignal.objects.order_by("pk"))
        )
    )
    labels = dict(TermCategory.choices)
    return GuidanceRules(
        levels=levels,
        pay_bands=tuple(band_rule(band) for band in PayBand.objects.all()),
        coded_words=tuple(
            CodedWord(gender, term, is_stem)
            for gender, term, is_stem in GenderCodedWord.objects.values_list(
                "gender", "term", "is_stem"
            )
        ),
        coded_exceptions=frozenset(
            word.lower() for word in GenderCodedException.objects.values_list("word", flat=True)
        ),
        language=tuple(
            LanguageRule(
                term=term.term,
                category=term.category,
                match=term.match,
                pattern=term.pattern,
                not_followed_by=term.not_followed_by,
                category_label=labels.get(term.category, term.category),
                suggestion=term.suggestion,
                why=term.why,
                source_title=term.source_title,
                source_url=term.source_url,
            )
            for term in LanguageTerm.objects.filter(is_active=True)
        ),
        pay_rules=tuple(
            PayRule(
                jurisdiction=rule.jurisdiction,
                country=rule.country,
                region=rule.region,
                locality=rule.locality,
                min_employees=rule.min_employees,
                covers_remote=rule.covers_remote,
                requirements=frozenset(rule.requirements),
                max_range_width=rule.max_range_width,
                exempt_above=rule.exempt_above,
                currency=rule.currency,
                effective_from=rule.effective_from,
                mandatory=rule.mandatory,
                what_must_be_shown=rule.what_must_be_shown,
                source_title=rule.source_title,
                source_url=rule.source_url,
                facts_checked=rule.facts_checked,
            )
            for rule in PayTransparencyRule.objects.all()
        ),
    )


@dataclass(frozen=True)
class DraftGuidance:
    """The guidance panel for one document of a draft: the findings still open, those kept as
    written (each with its dismissal), information that counts for nothing, and how many
    findings the organisation profile's own texts have."""

    open: list[Finding]
    kept: list[tuple[Finding, FindingDismissal]]
    info: list[Finding]
    organisation: list[Finding]

    @property
    def open_count(self) -> int:
        return len(self.open)


def draft_guidance(job_description: JobDescription, document, *, today=None) -> DraftGuidance:
    """Check ``document`` (the draft as saved, or as the editor has it now) and sort the findings
    by the draft's dismissals: a dismissal holds while the text it was made on is unchanged."""
    rules = guidance_rules()
    findings = check_document(document, rules, today=today or timezone.localdate())
    dismissals = {
        dismissal.finding_key: dismissal
        for dismissal in FindingDismissal.objects.filter(
            job_description=job_description
        ).select_related("dismissed_by")
    }
    open_, kept, info = [], [], []
    for finding in findings:
        if not finding.counts:
            info.append(finding)
        elif (dismissal := dismissals.get(finding.key)) and (
            dismissal.text_digest == finding.text_digest
        ):
            kept.append((finding, dismissal))
        else:
            open_.append(finding)
    organisation = [
        finding for finding in check_organisation(document.organisation, rules) if finding.counts
    ]
    return DraftGuidance(open=open_, kept=kept, info=info, organisation=organisation)


def recent_bulk_exports(user, limit: int = 20):
    """The person's bulk exports of the last two days (they are kept one), newest first."""
    since = timezone.now() - BULK_EXPORT_KEPT_FOR * 2
    return user.bulk_exports.filter(created_at__gte=since)[:limit]


def review_trail(job_description: JobDescription):
    """The JD's review and approval steps, newest first (the audit trail)."""
    return job_description.audit_entries.order_by("-created_at", "-pk")


def reviewer_candidates(job_description: JobDescription):
    """Active people who may be asked to review the JD: the review permission, not its owner."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    review = Permission.objects.filter(
        content_type__app_label="roles", codename="review_jobdescription"
    )
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(groups__permissions__in=review)
            | Q(user_permissions__in=review)
            | Q(is_superuser=True)
        )
        .exclude(pk=job_description.owner_id)
        .distinct()
        .order_by("username")
    )


def owner_candidates(job_description: JobDescription):
    """Active people a JD may be handed over to: in an HR group, not its owner."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=OWNER_GROUPS)
        .exclude(pk=job_description.owner_id)
        .distinct()
        .order_by("username")
    )


def waiting_for_review(user):
    """The live JDs the person is asked to review and has not decided on yet."""
    return (
        JobDescription.objects.live()
        .filter(
            review_state=ReviewState.IN_REVIEW,
            review_rounds__closed_at__isnull=True,
            review_rounds__requests__reviewer=user,
            review_rounds__requests__decision=ReviewDecision.PENDING,
        )
        .select_related("owner", "level")
        .distinct()
    )


def in_review_owned_by(user):
    return (
        JobDescription.objects.live()
        .filter(owner=user, review_state=ReviewState.IN_REVIEW)
        .select_related("level")
    )


def review_round_version(review_round) -> Version | None:
    """The draft's saved version a review round was asked about (its ``version``): the newest
    revision holding that version number, its lists prefetched for ``document_from_version``."""
    versions = jobdescription_versions(review_round.job_description).filter(
        revision__date_created__lte=review_round.submitted_at
    )
    for version in versions:  # newest first: the one submitted is almost always the first
        if version.field_dict.get("version") == review_round.version:
            return versions.prefetch_related("revision__version_set").get(pk=version.pk)
    return None


def latest_approval(job_description: JobDescription):
    """The JD's most recent approval with the version it pinned (for ``document_from_version``),
    or (None, None)."""
    approval = job_description.approvals.select_related("revision").first()
    if approval is None:
        return None, None
    version = (
        jobdescription_versions(job_description)
        .filter(revision=approval.revision)
        .prefetch_related("revision__version_set")
        .first()
    )
    return approval, version


def comment_threads(job_description: JobDescription) -> list:
    """The JD's comment threads (each a first comment with its replies), open ones first, each
    with a label for what it is on."""
    threads = list(
        job_description.comments.filter(parent__isnull=True)
        .select_related("responsibility", "kpi", "qualification")
        .prefetch_related("replies")
        .order_by(F("resolved_at").asc(nulls_first=True), "created_at", "pk")
    )
    for thread in threads:
        thread.anchor_label = _anchor_label(thread)
    return threads


def _anchor_label(comment) -> str:
    if comment.section:
        return COMMENT_SECTIONS.get(comment.section, comment.section)
    for kind, label in (
        ("responsibility", "Responsibility"),
        ("kpi", "KPI"),
        ("qualification", "Qualification"),
    ):
        item = getattr(comment, kind)
        if item is not None:
            return f"{label}: {item.name if kind == 'kpi' else item.text}"
    if comment.item_snapshot:
        return f"A deleted item: {comment.item_snapshot}"
    return "The whole job description"


def comment_anchors(job_description: JobDescription) -> list[tuple[str, str]]:
    """What a new comment can be on, as (value, label), in the document's order. Reads the
    lists prefetched with the JD."""
    anchors = [("", "The whole job description")]
    anchors += [(f"section:{name}", label) for name, label in COMMENT_SECTIONS.items()]
    for number, item in enumerate(job_description.responsibilities.all(), start=1):
        anchors.append((f"responsibility:{item.pk}", f"Responsibility {number}: {item.text}"))
    for number, item in enumerate(job_description.kpis.all(), start=1):
        anchors.append((f"kpi:{item.pk}", f"KPI {number}: {item.name}"))
    for number, item in enumerate(job_description.qualifications.all(), start=1):
        anchors.append((f"qualification:{item.pk}", f"Qualification {number}: {item.text}"))
    return anchors


def open_comment_count(job_description: JobDescription) -> int:
    """Comment threads on the JD not yet resolved (the editor's count)."""
    return job_description.comments.filter(parent__isnull=True, resolved_at__isnull=True).count()


def open_item_comment_counts(job_description: JobDescription) -> dict[tuple[str, int], int]:
    """Open comment threads on each item of the JD, by ("responsibility" | "kpi" |
    "qualification", the item's id)."""
    counts: dict[tuple[str, int], int] = {}
    rows = (
        job_description.comments.filter(parent__isnull=True, resolved_at__isnull=True)
        .exclude(item_snapshot="")
        .values_list("responsibility_id", "kpi_id", "qualification_id")
    )
    for responsibility, kpi, qualification in rows:
        for kind, pk in (
            ("responsibility", responsibility),
            ("kpi", kpi),
            ("qualification", qualification),
        ):
            if pk:
                counts[(kind, pk)] = counts.get((kind, pk), 0) + 1
    return counts


def level_guide() -> tuple:
    """The guide's questions and answers as plain values (``roles.checks.level_guide``)."""
    return tuple(
        GuideQuestion(
            id=question.pk,
            text=question.text,
            help_text=question.help_text,
            answers=tuple(
                GuideAnswer(
                    id=answer.pk,
                    text=answer.text,
                    level=answer.level_id or "",
                    weight=answer.weight,
                    reason=answer.reason,
                )
                for answer in question.answers.all()
            ),
        )
        for question in LevelGuideQuestion.objects.prefetch_related("answers")
    )


def band_rule(band: PayBand) -> BandRule:
    """A pay band as the plain value the checks take."""
    return BandRule(
        level=band.level_id,
        currency=band.currency,
        pay_period=band.pay_period,
        minimum=band.minimum,
        maximum=band.maximum,
        country=str(band.country or ""),
        region=band.region,
        hours_per_year=band.hours_per_year,
    )


def pay_band_ladder_problem(*, band: PayBand | None = None, level: Level | None = None) -> str:
    """Would the pay bands stay in order of rank once ``band`` is saved (in place of its stored
    self) or ``level`` is saved with its new rank or job family? Checked in each family, currency
    and place that holds the band or one of the level's bands; "" when they would."""
    levels = {each.slug: each for each in Level.objects.all()}
    if level is not None:
        levels[level.slug] = level
    bands = {each.pk: each for each in PayBand.objects.all()}
    if band is not None:
        bands[band.pk] = band  # None for a band being added

    def place(each: PayBand) -> tuple:
        home = levels[each.level_id]
        return (home.job_family, each.currency, str(each.country or ""), each.region.upper())

    touched = {
        place(each)
        for each in bands.values()
        if each is band or (level is not None and each.level_id == level.slug)
    }
    for key in touched:
        ladder = [
            (levels[b.level_id].rank, levels[b.level_id].name, band_rule(b))
            for b in bands.values()
            if place(b) == key
        ]
        problem = ladder_problem(ladder)
        if problem:
            return problem
    return ""


def template_as_copied(job_description: JobDescription, revision_id: int | None = None):
    """The version of the template the draft was copied from (or, with ``revision_id``, the one
    in that revision), with its revision's rows prefetched (``document_from_template_version``);
    None when not recorded."""
    revision_id = revision_id or job_description.source_template_revision_id
    if not revision_id or not job_description.source_template_id:
        return None
    return (
        Version.objects.get_for_model(RoleTemplate)
        .filter(revision_id=revision_id, object_id=str(job_description.source_template_id))
        .select_related("revision")
        .prefetch_related("revision__version_set")
        .first()
    )


def comparison_choices(user) -> list[tuple[str, str]]:
    """What the person may compare: the active role templates (by family, then rank, most senior
    first), then their own live drafts, newest edit first; as (value, label)."""
    templates = [t for family in role_library() for t in family.templates]
    drafts = drafts_owned_by(user)[:50]
    return [(f"template:{t.pk}", f"Template: {t.title}") for t in templates] + [
        (f"draft:{d.pk}", f"Draft: {d.title}") for d in drafts
    ]


@dataclass(frozen=True)
class RoleFamily:
    """One job family of the library: its active templates, most senior first, and the pairs of
    neighbouring ranks the start page offers to compare."""

    name: str
    templates: list

    @property
    def neighbours(self) -> list[tuple]:
        return list(zip(self.templates, self.templates[1:], strict=False))


def role_library() -> list[RoleFamily]:
    """The active role templates grouped by their level's job family (families by name), each
    family ordered by rank, most senior first. One query, whatever the number of templates."""
    templates = (
        RoleTemplate.objects.active()
        .select_related("level")
        .order_by("level__job_family", "-level__rank", "display_order", "title")
    )
    families: dict[str, list] = {}
    for template in templates:
        families.setdefault(template.level.job_family, []).append(template)
    return [RoleFamily(name, members) for name, members in families.items()]

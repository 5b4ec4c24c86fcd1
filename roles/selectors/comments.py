"""Reads of comments: the review page's threads and what a new comment can be on, and the
editor's counts of open threads. Separate to mirror ``roles/services/comments.py``, and because
two page families (review and the editor) show them."""

from django.db.models import F

from roles.models import COMMENT_SECTIONS, JobDescription


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

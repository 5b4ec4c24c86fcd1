"""Documents made ahead of time: a draft's PDF rendered after each save, so that "Download PDF"
is served at once."""

from django.db.models import prefetch_related_objects

from roles.documents.data import document_from_draft
from roles.documents.pdf import prerender_pdf
from roles.models import ITEM_LISTS, JobDescription


def jobdescription_prerender(*, job_description_id: int, version: int) -> str:
    """Render the PDF of draft ``job_description_id`` as it is at ``version`` into the shared
    cache. A draft saved again since (or deleted) is skipped: the newer save has its own render
    queued, so a burst of saves never becomes a backlog of renders. Returns what happened."""
    draft = JobDescription.objects.live().filter(pk=job_description_id, version=version).first()
    if draft is None:
        return "superseded"
    prefetch_related_objects([draft], *(name for name, *_ in ITEM_LISTS))
    return "rendered" if prerender_pdf(document_from_draft(draft)) else "already rendered"

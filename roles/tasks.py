"""The former home of the background tasks, now only re-exports. Each task sits beside the service
it runs (``roles.services.documents``, ``.exports``, ``.notifications``; what they share is in
``roles.services.tasks``).

Kept because a queued task is found again by the path it was queued under: RQ jobs in Redis and
database tasks queued by the release before issue 24 name ``roles.tasks.<name>``. Migration 0037
moves the waiting database tasks to the new paths, but not RQ jobs, nor a task that a process
still running the old code queues while an upgrade rolls out. Delete this module in the release
after the one that ships issue 24: by then every job queued under these paths has run (the
longest wait is a bulk export's deletion, a day after it was queued).

Nothing in the project imports this module.
"""

from roles.services.documents import render_draft_pdf
from roles.services.exports import delete_bulk_export, render_bulk_export_item, zip_bulk_export
from roles.services.notifications import send_comment_email, send_review_email

__all__ = [
    "delete_bulk_export",
    "render_bulk_export_item",
    "render_draft_pdf",
    "send_comment_email",
    "send_review_email",
    "zip_bulk_export",
]

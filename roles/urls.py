from django.urls import include, path

from .api import urls as api_urls
from .ops import health
from .views import account, documents, drafts, editor, exports, history, library, review, sharing

app_name = "roles"

urlpatterns = [
    path("api/v1/", include(api_urls)),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("", library.compare, name="compare"),
    path("guide/", library.level_guide, name="level_guide"),
    path("compare/", library.compare_any, name="compare_any"),
    path("drafts/<int:pk>/changes/", library.what_changed, name="what_changed"),
    path(
        "drafts/<int:pk>/template-updates/",
        editor.template_updates_page,
        name="template_updates",
    ),
    path("roles/<slug:slug>/start/", library.start_draft, name="start_draft"),
    path("templates/<int:pk>/preview/", library.template_preview, name="template_preview"),
    path("drafts/", drafts.draft_list, name="draft_list"),
    path("drafts/trash/", drafts.trash, name="trash"),
    path("drafts/all/", drafts.all_drafts, name="all_drafts"),
    path("drafts/<int:pk>/duplicate/", drafts.duplicate, name="duplicate"),
    path("drafts/<int:pk>/delete/", drafts.delete, name="delete"),
    path("drafts/<int:pk>/restore/", drafts.restore, name="restore"),
    path("drafts/<int:pk>/", editor.edit, name="edit"),
    path("drafts/<int:pk>/rows/<slug:prefix>/", editor.new_row, name="new_row"),
    path("drafts/<int:pk>/guidance/", editor.guidance, name="guidance"),
    path("drafts/<int:pk>/guidance/keep/", editor.dismiss_finding, name="dismiss_finding"),
    path("drafts/<int:pk>/guidance/show/", editor.restore_finding, name="restore_finding"),
    path("drafts/<int:pk>/preview/", documents.preview, name="preview"),
    path("drafts/<int:pk>/download/<slug:format_name>/", documents.download, name="download"),
    path("drafts/<int:pk>/history/", history.history, name="history"),
    path(
        "drafts/<int:pk>/history/<int:version_id>/",
        history.history_version,
        name="history_version",
    ),
    path(
        "drafts/<int:pk>/history/<int:version_id>/restore/",
        history.history_restore,
        name="history_restore",
    ),
    path("organisation/logo/", documents.organisation_logo, name="organisation_logo"),
    path("drafts/<int:pk>/review/", review.review, name="review"),
    path("drafts/<int:pk>/review/submit/", review.submit, name="review_submit"),
    path("drafts/<int:pk>/comments/", review.add_comment, name="add_comment"),
    path(
        "drafts/<int:pk>/comments/<int:comment_id>/resolve/",
        review.resolve_comment,
        name="resolve_comment",
    ),
    path("account/notifications/", review.notification_settings, name="notification_settings"),
    path("account/tokens/", account.api_tokens, name="api_tokens"),
    path("account/tokens/<int:pk>/revoke/", account.revoke_api_token, name="revoke_api_token"),
    path("account/approvals-seen/", review.approvals_seen, name="approvals_seen"),
    path("drafts/<int:pk>/review/decide/", review.decide, name="review_decide"),
    path("drafts/<int:pk>/review/withdraw/", review.withdraw, name="review_withdraw"),
    path("drafts/<int:pk>/review/reopen/", review.reopen, name="review_reopen"),
    path("drafts/<int:pk>/review/archive/", review.archive, name="review_archive"),
    path("drafts/<int:pk>/review/unarchive/", review.unarchive, name="review_unarchive"),
    path("drafts/<int:pk>/review/hand-over/", review.hand_over, name="review_hand_over"),
    path(
        "drafts/<int:pk>/approvals/<int:approval_id>/pdf/",
        review.approved_pdf,
        name="approved_pdf",
    ),
    path("exports/", exports.bulk_exports, name="bulk_exports"),
    path("exports/<int:pk>/", exports.bulk_export, name="bulk_export"),
    path("exports/<int:pk>/download/", exports.bulk_export_download, name="bulk_export_download"),
    path("drafts/<int:pk>/share/", sharing.share_links, name="share_links"),
    path(
        "drafts/<int:pk>/share/<int:link_pk>/revoke/",
        sharing.revoke_share_link,
        name="revoke_share_link",
    ),
    path("s/<str:token>/", sharing.shared_document, name="shared_document"),
    path("s/<str:token>/document.pdf", sharing.shared_pdf, name="shared_pdf"),
    path("s/<str:token>/logo", sharing.shared_logo, name="shared_logo"),
]

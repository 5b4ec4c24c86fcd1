"""/api/v1/: the API's paths (included by roles.urls, the one module that imports this room)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import checks, documents, review, views, webhooks, writes

app_name = "api"

urlpatterns = [
    path(
        "schema/",
        SpectacularAPIView.as_view(api_version="1", throttle_classes=[]),
        name="schema",
    ),
    # Swagger UI's page and its start-up script as two responses (the "split" view), and the
    # page's template without inline style (templates/drf_spectacular/swagger_ui.html): the
    # content-security policy holds.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="roles:api:schema", throttle_classes=[]),
        name="docs",
    ),
    path("templates/", views.TemplateList.as_view(), name="templates"),
    path("templates/<slug:slug>/", views.TemplateDetail.as_view(), name="template"),
    path("levels/", views.LevelList.as_view(), name="levels"),
    # The list and one draft, read (views) and written (writes): one path, one view each.
    path("drafts/", writes.DraftListAndCreate.as_view(), name="drafts"),
    path("drafts/<str:pk>/", writes.DraftDetailAndChange.as_view(), name="draft"),
    path("drafts/<str:pk>/review/", review.DraftReview.as_view(), name="review"),
    path("drafts/<str:pk>/review/submit/", review.ReviewSubmit.as_view(), name="review_submit"),
    path("drafts/<str:pk>/review/decide/", review.ReviewDecide.as_view(), name="review_decide"),
    path(
        "drafts/<str:pk>/review/withdraw/",
        review.ReviewWithdraw.as_view(),
        name="review_withdraw",
    ),
    path("drafts/<str:pk>/review/reopen/", review.ReviewReopen.as_view(), name="review_reopen"),
    path("drafts/<str:pk>/review/archive/", review.ReviewArchive.as_view(), name="review_archive"),
    path(
        "drafts/<str:pk>/review/unarchive/",
        review.ReviewUnarchive.as_view(),
        name="review_unarchive",
    ),
    path(
        "drafts/<str:pk>/documents/<str:format_name>",
        documents.DraftDocument.as_view(),
        name="draft_document",
    ),
    path("drafts/<str:pk>/approvals/", documents.ApprovalList.as_view(), name="approvals"),
    path(
        "drafts/<str:pk>/approvals/<str:approval_id>/",
        documents.ApprovalDetail.as_view(),
        name="approval",
    ),
    path(
        "drafts/<str:pk>/approvals/<str:approval_id>/pdf",
        documents.ApprovalPdf.as_view(),
        name="approval_pdf",
    ),
    path("drafts/<str:pk>/findings/", checks.DraftFindings.as_view(), name="findings"),
    path("check/", checks.TextCheck.as_view(), name="check"),
    path("events/", webhooks.EventList.as_view(), name="events"),
    path("webhooks/", webhooks.WebhookSubscriptionList.as_view(), name="webhooks"),
    path("webhooks/<str:pk>/", webhooks.WebhookSubscriptionDetail.as_view(), name="webhook"),
    path(
        "webhooks/<str:pk>/rotate-secret/",
        webhooks.WebhookSecretRotate.as_view(),
        name="webhook_rotate_secret",
    ),
]

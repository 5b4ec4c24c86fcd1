from django.urls import path

from . import views

app_name = "roles"

urlpatterns = [
    path("", views.compare, name="compare"),
    path("roles/<slug:slug>/start/", views.start_draft, name="start_draft"),
    path("drafts/", views.draft_list, name="draft_list"),
    path("drafts/trash/", views.trash, name="trash"),
    path("drafts/all/", views.all_drafts, name="all_drafts"),
    path("drafts/<int:pk>/", views.edit, name="edit"),
    path("drafts/<int:pk>/rows/<slug:prefix>/", views.new_row, name="new_row"),
    path("drafts/<int:pk>/preview/", views.preview, name="preview"),
    path("drafts/<int:pk>/pdf/", views.pdf, name="pdf"),
    path("drafts/<int:pk>/duplicate/", views.duplicate, name="duplicate"),
    path("drafts/<int:pk>/delete/", views.delete, name="delete"),
    path("drafts/<int:pk>/restore/", views.restore, name="restore"),
    path("drafts/<int:pk>/history/", views.history, name="history"),
    path(
        "drafts/<int:pk>/history/<int:version_id>/", views.history_version, name="history_version"
    ),
    path(
        "drafts/<int:pk>/history/<int:version_id>/restore/",
        views.history_restore,
        name="history_restore",
    ),
    path("templates/<int:pk>/preview/", views.template_preview, name="template_preview"),
    path("organisation/logo/", views.organisation_logo, name="organisation_logo"),
]

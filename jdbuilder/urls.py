from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

# admin.site is jdbuilder.admin_site.JDBuilderAdminSite (its titles and its index by task).

# A request body over DATA_UPLOAD_MAX_MEMORY_SIZE is answered 413 with a message, not a bare 400.
handler400 = "roles.views.errors.bad_request"

urlpatterns = [
    path("admin/", admin.site.urls),
    # Sign-in, sign-out and changing one's own password. No password reset: accounts are made by
    # administrators, and an open reset form mails anyone's inbox on request.
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password_change/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("", include("roles.urls")),
]

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "JD Builder administration"
admin.site.site_title = "JD Builder admin"
admin.site.index_title = "Role library and accounts"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("roles.urls")),
]

"""URL configuration: the app's screens, the admin site, and language switching."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("caseflow.urls")),
    path("", include("alerts.urls")),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

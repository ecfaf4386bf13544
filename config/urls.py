from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from groundwork.core import views as core_views

admin.site.site_header = "Groundwork administration"
admin.site.site_title = "Groundwork"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("healthz", core_views.health, name="health"),
    path("", include("groundwork.members.urls")),
    path("", include("groundwork.groups.urls")),
    path("", include("groundwork.notifications.urls")),
    path("", include("groundwork.democracy.urls")),
    path("", include("groundwork.campaigns.urls")),
    path("", include("groundwork.events.urls")),
]

if settings.GROUNDWORK_BENCH_ROUTES:
    urlpatterns.append(path("bench/ceiling/", core_views.ceiling, name="bench_ceiling"))

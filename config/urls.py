from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from groundwork.api.urls import api_v1_urls
from groundwork.core import views as core_views
from groundwork.members.rules import has_two_factor

admin.site.site_header = "Groundwork administration"
admin.site.site_title = "Groundwork"
# The admin signs people in through allauth (so two-factor applies) and admits staff only once
# they have two-factor authentication, like every other place coordinators act. Both methods are
# replaced on the default site itself, as allauth documents, hence the two ignores.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
_staff_may_use_admin = admin.site.has_permission
admin.site.has_permission = lambda request: (  # type: ignore[method-assign]
    _staff_may_use_admin(request) and has_two_factor(request.user)
)

# Uncaught errors: 503 with Retry-After when the database is down, 500 otherwise.
handler500 = "groundwork.core.views.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("healthz", core_views.health, name="health"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("", include("groundwork.members.urls")),
    path("", include("groundwork.groups.urls")),
    path("", include("groundwork.notifications.urls")),
    path("", include("groundwork.democracy.urls")),
    path("", include("groundwork.campaigns.urls")),
    path("", include("groundwork.events.urls")),
    path("", include("groundwork.aims.urls")),
    path("", include("groundwork.projects.urls")),
    path("", include("groundwork.resources.urls")),
    path("", include("groundwork.learning.urls")),
    path("", include("groundwork.accountability.urls")),
    path("", include("groundwork.outcomes.urls")),
    path("", include("groundwork.api.urls")),
    path("api/v1/", api_v1_urls()),
]

if settings.GROUNDWORK_BENCH_ROUTES:
    urlpatterns.append(path("bench/ceiling/", core_views.ceiling, name="bench_ceiling"))

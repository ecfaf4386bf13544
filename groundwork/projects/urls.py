from django.urls import path

from groundwork.projects import views

app_name = "projects"

urlpatterns = [
    path("projects/", views.project_list, name="list"),
    path("groups/<slug:slug>/projects/", views.group_projects, name="group_projects"),
    path("groups/<slug:slug>/projects/new/", views.create, name="create"),
    path("groups/<slug:slug>/partners/new/", views.partnership_create, name="partnership_create"),
    path("projects/<int:pk>/", views.detail, name="detail"),
    path("projects/<int:pk>/edit/", views.edit, name="edit"),
    path("projects/<int:pk>/steps/<int:step_pk>/", views.step_done, name="step_done"),
    path("projects/<int:pk>/listings/new/", views.listing_create, name="listing_create"),
    path(
        "projects/<int:pk>/listings/<int:listing_pk>/close/",
        views.listing_close,
        name="listing_close",
    ),
    path("projects/<int:pk>/shifts/new/", views.shift_create, name="shift_create"),
    path("projects/<int:pk>/shifts/<int:shift_pk>/edit/", views.shift_edit, name="shift_edit"),
    path(
        "projects/<int:pk>/shifts/<int:shift_pk>/delete/",
        views.shift_delete,
        name="shift_delete",
    ),
    path("shifts/<int:pk>/sign-up/", views.shift_sign_up, name="shift_sign_up"),
    path("shifts/<int:pk>/cancel/", views.shift_cancel, name="shift_cancel"),
    path("projects/<int:pk>/ask/", views.ask, name="ask"),
    path("projects/<int:pk>/requests/", views.aid_requests, name="aid_requests"),
    path(
        "projects/<int:pk>/requests/<int:request_pk>/status/",
        views.aid_request_status,
        name="aid_request_status",
    ),
    path("partners/", views.partners, name="partners"),
]

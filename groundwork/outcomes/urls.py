"""Public pages of outcomes (areas, indicators, the dashboard), targets and imports."""

from django.urls import path

from groundwork.outcomes import views

app_name = "outcomes"

urlpatterns: list = []

# --- targets: a group's targets and the areas it works in ---
urlpatterns += [
    path("groups/<slug:slug>/targets/", views.targets, name="targets"),
    path("groups/<slug:slug>/targets/new/", views.target_create, name="target_create"),
    path("groups/<slug:slug>/targets/<int:pk>/edit/", views.target_edit, name="target_edit"),
    path("groups/<slug:slug>/targets/<int:pk>/delete/", views.target_delete, name="target_delete"),
    path("groups/<slug:slug>/areas/", views.group_areas, name="group_areas"),
]

# --- importing: the coordinators' upload of files of statistics ---
urlpatterns += [
    path("outcomes/imports/", views.indicator_imports, name="imports"),
    path("outcomes/imports/<int:pk>/", views.indicator_import, name="import"),
    path("outcomes/imports/<int:pk>/apply/", views.indicator_import_apply, name="import_apply"),
]

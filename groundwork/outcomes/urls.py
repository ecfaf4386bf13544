"""Public pages of outcomes (areas, indicators, the dashboard), targets and imports."""

from django.urls import path

from groundwork.outcomes import views

app_name = "outcomes"

urlpatterns: list = [
    # importing: the coordinators' upload of files of statistics
    path("outcomes/imports/", views.indicator_imports, name="imports"),
    path("outcomes/imports/<int:pk>/", views.indicator_import, name="import"),
    path("outcomes/imports/<int:pk>/apply/", views.indicator_import_apply, name="import_apply"),
]

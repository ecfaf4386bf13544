"""Public pages of outcomes (areas, indicators, the dashboard), targets and imports."""

from django.urls import path, register_converter

from groundwork.outcomes import views

app_name = "outcomes"


class GssCodeConverter:
    """A nine-character ONS GSS code ("E09000022"), in either case."""

    regex = "[A-Za-z][0-9]{8}"

    def to_python(self, value: str) -> str:
        return value.upper()

    def to_url(self, value: str) -> str:
        return value


register_converter(GssCodeConverter, "gss")

# --- pages: areas, indicators and the dashboard (public) ---
urlpatterns: list = [
    path("outcomes/areas/", views.area_index, name="areas"),
    path("outcomes/areas/<gss:gss_code>/", views.area, name="area"),
    path("outcomes/areas/<gss:gss_code>.csv", views.area_csv, name="area_csv"),
    path("outcomes/indicators/<slug:slug>/", views.indicator, name="indicator"),
    path("outcomes/dashboard/", views.dashboard, name="dashboard"),
]

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

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

urlpatterns: list = [
    # pages: areas, indicators and the dashboard (public)
    path("outcomes/areas/", views.area_index, name="areas"),
    path("outcomes/areas/<gss:gss_code>/", views.area, name="area"),
    path("outcomes/areas/<gss:gss_code>.csv", views.area_csv, name="area_csv"),
    path("outcomes/indicators/<slug:slug>/", views.indicator, name="indicator"),
    path("outcomes/dashboard/", views.dashboard, name="dashboard"),
]

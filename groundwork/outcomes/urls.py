"""Public pages of outcomes (areas, indicators, the dashboard), targets and imports."""

app_name = "outcomes"

urlpatterns: list = []

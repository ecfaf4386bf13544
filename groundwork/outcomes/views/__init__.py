"""The outcomes app's views, one module per subject, re-exported here for urls.py."""

# pages
from groundwork.outcomes.views.areas import area, area_csv, area_index, indicator
from groundwork.outcomes.views.dashboard import dashboard

__all__ = [
    # pages
    "area",
    "area_csv",
    "area_index",
    "dashboard",
    "indicator",
]

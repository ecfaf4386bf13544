"""The outcomes app's pages, one module per part, re-exported here."""

# --- targets ---
# importing
# pages
from groundwork.outcomes.views.areas import area, area_csv, area_index, indicator
from groundwork.outcomes.views.dashboard import dashboard
from groundwork.outcomes.views.imports import (
    indicator_import,
    indicator_import_apply,
    indicator_imports,
)
from groundwork.outcomes.views.targets import (
    group_areas,
    target_create,
    target_delete,
    target_edit,
    targets,
)

__all__ = [
    # --- targets ---
    "group_areas",
    "target_create",
    "target_delete",
    "target_edit",
    "targets",
    # importing
    "indicator_import",
    "indicator_import_apply",
    "indicator_imports",
    # pages
    "area",
    "area_csv",
    "area_index",
    "dashboard",
    "indicator",
]

"""Reading outcomes in a fixed number of queries, one module per part, re-exported here."""

# --- targets ---
# importing
from groundwork.outcomes.queries.imports import get_indicator_import, indicator_imports
from groundwork.outcomes.queries.targets import (
    TargetRow,
    area_choices_for,
    areas_of,
    figure,
    get_target_in,
    indicators_with_figures_in,
    latest_published,
    plain,
    progress_of,
    rows_of,
    targets_of,
    with_latest_figures,
)

__all__ = [
    # --- targets ---
    "TargetRow",
    "area_choices_for",
    "areas_of",
    "figure",
    "get_target_in",
    "indicators_with_figures_in",
    "latest_published",
    "plain",
    "progress_of",
    "rows_of",
    "targets_of",
    "with_latest_figures",
    # importing
    "get_indicator_import",
    "indicator_imports",
]

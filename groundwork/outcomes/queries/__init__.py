"""Reading outcomes in a fixed number of queries, one module per part, re-exported here."""

# --- targets ---
# importing
# pages
from groundwork.outcomes.queries.areas import (
    LEVELS,
    NATION_CODES,
    UK_CODE,
    Figure,
    areas,
    comparable,
    figures_for,
    get_area,
    groups_working_in,
    observations_of,
    successions_of,
)
from groundwork.outcomes.queries.imports import get_indicator_import, indicator_imports
from groundwork.outcomes.queries.rankings import (
    Ranked,
    Ranking,
    competition_ranks,
    dashboard_indicators,
    get_indicator,
    groups_by_area,
    rankings_of,
)
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
from groundwork.outcomes.queries.versions import TIMEOUT, figures_version

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
    # pages
    "LEVELS",
    "NATION_CODES",
    "TIMEOUT",
    "UK_CODE",
    "Figure",
    "Ranked",
    "Ranking",
    "areas",
    "comparable",
    "competition_ranks",
    "dashboard_indicators",
    "figures_for",
    "figures_version",
    "get_area",
    "get_indicator",
    "groups_by_area",
    "groups_working_in",
    "observations_of",
    "rankings_of",
    "successions_of",
]

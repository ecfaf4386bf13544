"""Reading the outcomes app's data, one module per subject, re-exported here."""

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
from groundwork.outcomes.queries.rankings import (
    Ranked,
    Ranking,
    competition_ranks,
    dashboard_indicators,
    get_indicator,
    groups_by_area,
    rankings_of,
)
from groundwork.outcomes.queries.versions import TIMEOUT, figures_version

__all__ = [
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

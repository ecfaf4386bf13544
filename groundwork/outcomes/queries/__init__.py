"""The outcomes app's queries, one module per subject, re-exported here."""

# importing
from groundwork.outcomes.queries.imports import get_indicator_import, indicator_imports

__all__ = [
    # importing
    "get_indicator_import",
    "indicator_imports",
]

"""The outcomes app's views, one module per subject, re-exported here."""

# importing
from groundwork.outcomes.views.imports import (
    indicator_import,
    indicator_import_apply,
    indicator_imports,
)

__all__ = [
    # importing
    "indicator_import",
    "indicator_import_apply",
    "indicator_imports",
]

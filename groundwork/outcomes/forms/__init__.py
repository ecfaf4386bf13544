"""The outcomes app's forms, one module per subject, re-exported here."""

# importing
from groundwork.outcomes.forms.imports import IndicatorImportForm

__all__ = [
    # importing
    "IndicatorImportForm",
]

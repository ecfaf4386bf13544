"""The outcomes app's forms, one module per part, re-exported here."""

# --- targets ---
# importing
from groundwork.outcomes.forms.imports import IndicatorImportForm
from groundwork.outcomes.forms.targets import GroupAreasForm, TargetEditForm, TargetForm

__all__ = [
    # --- targets ---
    "GroupAreasForm",
    "TargetEditForm",
    "TargetForm",
    # importing
    "IndicatorImportForm",
]

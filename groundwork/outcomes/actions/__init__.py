"""The outcomes app's actions, one module per part, re-exported here."""

# --- targets ---
from groundwork.outcomes.actions.targets import (
    check_choose_group_areas,
    check_delete_target,
    check_set_target,
    check_update_target,
)

__all__ = [
    # --- targets ---
    "check_choose_group_areas",
    "check_delete_target",
    "check_set_target",
    "check_update_target",
]

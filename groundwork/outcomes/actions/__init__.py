"""The outcomes app's actions, one module per part, re-exported here."""

# --- targets ---
# importing: areas, the importer, the upload page's imports
from groundwork.outcomes.actions.areas import (
    AreaReport,
    LinkReport,
    do_import_areas,
    do_link_group_areas,
)
from groundwork.outcomes.actions.importing import (
    ImportReport,
    check_import_indicator,
    restrict_to_indicator,
)
from groundwork.outcomes.actions.imports import (
    Upload,
    check_apply_indicator_import,
    check_start_indicator_import,
    do_run_indicator_import,
)
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
    # importing
    "AreaReport",
    "ImportReport",
    "LinkReport",
    "Upload",
    "check_apply_indicator_import",
    "check_import_indicator",
    "check_start_indicator_import",
    "do_import_areas",
    "do_link_group_areas",
    "do_run_indicator_import",
    "restrict_to_indicator",
]

"""The accountability app's actions, one module per subject, re-exported here."""

from groundwork.accountability.actions.imports import (
    ImportFiles,
    check_apply_register_import,
    check_start_register_import,
    do_run_register_import,
)
from groundwork.accountability.actions.postcodes import PostcodeReport, do_import_postcodes
from groundwork.accountability.actions.register import (
    CHANGED_AREA,
    CHANGED_PARTY,
    NOT_LISTED,
    IdentifierConflict,
    ImportReport,
    do_import_representatives,
)

__all__ = [
    "CHANGED_AREA",
    "CHANGED_PARTY",
    "IdentifierConflict",
    "ImportFiles",
    "ImportReport",
    "NOT_LISTED",
    "PostcodeReport",
    "check_apply_register_import",
    "check_start_register_import",
    "do_import_postcodes",
    "do_import_representatives",
    "do_run_register_import",
]

"""Changes to the accountability app's records, one module per subject, re-exported here."""

from groundwork.accountability.actions.policies import (
    PolicyLine,
    check_add_statement,
    check_create_policy,
    check_link_policy_objectives,
)
from groundwork.accountability.actions.register import (
    CHANGED_AREA,
    CHANGED_PARTY,
    NOT_LISTED,
    IdentifierConflict,
    ImportReport,
    do_import_representatives,
)
from groundwork.accountability.actions.votes import VoteImportReport, do_import_votes

__all__ = [
    "CHANGED_AREA",
    "CHANGED_PARTY",
    "NOT_LISTED",
    "PolicyLine",
    "IdentifierConflict",
    "ImportReport",
    "VoteImportReport",
    "check_add_statement",
    "check_create_policy",
    "check_link_policy_objectives",
    "do_import_representatives",
    "do_import_votes",
]

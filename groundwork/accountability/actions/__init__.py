"""The accountability app's actions, one module per subject, re-exported here."""

from groundwork.accountability.actions.editing import (
    check_delete_mandate,
    check_delete_meeting,
    check_delete_pledge,
    check_delete_pledge_answer,
    check_delete_policy,
    check_delete_statement,
    check_update_mandate,
    check_update_meeting,
    check_update_pledge,
    check_update_policy,
    check_update_statement,
)
from groundwork.accountability.actions.elections import check_call_election, do_take_office
from groundwork.accountability.actions.imports import (
    ImportFiles,
    check_apply_register_import,
    check_start_register_import,
    do_run_register_import,
)
from groundwork.accountability.actions.mandates import (
    check_record_meeting,
    check_report_back,
    check_write_mandate,
    term_at_meeting,
)
from groundwork.accountability.actions.pledges import (
    check_create_pledge,
    check_record_pledge_answer,
)
from groundwork.accountability.actions.policies import (
    PolicyLine,
    check_add_statement,
    check_create_policy,
    check_link_policy_objectives,
)
from groundwork.accountability.actions.positions import (
    add_months,
    check_create_position,
    check_update_accountability_settings,
    check_update_position,
)
from groundwork.accountability.actions.postcodes import PostcodeReport, do_import_postcodes
from groundwork.accountability.actions.recall import (
    check_open_recall_petition,
    check_sign_recall_petition,
    do_expire_recall_petition,
)
from groundwork.accountability.actions.recall_ballot import (
    check_call_by_election,
    check_open_recall_ballot,
    do_open_recall_ballots_waiting_for_tellers,
    do_settle_recall_ballot,
)
from groundwork.accountability.actions.recall_common import RECALL_BALLOT_DAYS
from groundwork.accountability.actions.register import (
    CHANGED_AREA,
    CHANGED_PARTY,
    NOT_LISTED,
    IdentifierConflict,
    ImportReport,
    do_import_representatives,
)
from groundwork.accountability.actions.terms import (
    ORGANISER_END_REASONS,
    check_appoint,
    check_end_term,
    check_step_down,
    do_end_terms_of_leaver,
    end_term,
)
from groundwork.accountability.actions.votes import VoteImportReport, do_import_votes

__all__ = [
    "check_delete_mandate",
    "check_delete_meeting",
    "check_delete_pledge",
    "check_delete_pledge_answer",
    "check_delete_policy",
    "check_delete_statement",
    "check_update_mandate",
    "check_update_meeting",
    "check_update_pledge",
    "check_update_policy",
    "check_update_statement",
    "check_create_pledge",
    "check_record_pledge_answer",
    "PolicyLine",
    "check_add_statement",
    "check_create_policy",
    "check_link_policy_objectives",
    "VoteImportReport",
    "do_import_votes",
    "RECALL_BALLOT_DAYS",
    "check_call_by_election",
    "check_open_recall_ballot",
    "check_open_recall_petition",
    "check_sign_recall_petition",
    "do_expire_recall_petition",
    "do_open_recall_ballots_waiting_for_tellers",
    "do_settle_recall_ballot",
    "ORGANISER_END_REASONS",
    "add_months",
    "check_appoint",
    "check_call_election",
    "check_create_position",
    "check_end_term",
    "check_record_meeting",
    "check_report_back",
    "check_step_down",
    "check_update_accountability_settings",
    "check_update_position",
    "check_write_mandate",
    "do_end_terms_of_leaver",
    "do_take_office",
    "end_term",
    "term_at_meeting",
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

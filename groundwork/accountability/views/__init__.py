"""The accountability app's views, one module per subject, re-exported here for urls.py."""

from groundwork.accountability.views.imports import (
    register_import,
    register_import_apply,
    register_imports,
)
from groundwork.accountability.views.positions import (
    alliance_position_create,
    alliance_positions,
    group_accountability_settings,
    group_position_create,
    group_positions,
    holder_report_backs,
    meeting_report,
    position,
    position_appoint,
    position_edit,
    position_election,
    position_mandate,
    position_meeting,
    position_step_down,
    term_end,
)
from groundwork.accountability.views.postcodes import find
from groundwork.accountability.views.recall import (
    recall_ballot_open,
    recall_by_election,
    recall_petition,
    recall_petition_create,
    recall_petition_sign,
    recall_petitions,
)
from groundwork.accountability.views.register import body, representative, representatives

__all__ = [
    "body",
    "representative",
    "representatives",
    "alliance_position_create",
    "alliance_positions",
    "group_accountability_settings",
    "group_position_create",
    "group_positions",
    "holder_report_backs",
    "meeting_report",
    "position",
    "position_appoint",
    "position_edit",
    "position_election",
    "position_mandate",
    "position_meeting",
    "position_step_down",
    "term_end",
    "find",
    "recall_ballot_open",
    "recall_by_election",
    "recall_petition",
    "recall_petition_create",
    "recall_petition_sign",
    "recall_petitions",
    "register_import",
    "register_import_apply",
    "register_imports",
]

"""Correcting and removing what organisers, holders and campaigners recorded: mandates and
meetings, policies and statements, pledges and their answers. Each action checks the acting
person may (the rule that guards the page, asked again), refuses with a message a person can read
what must stay on the record, writes one audit entry with the old and the new values, and changes
nothing when refused."""

from groundwork.accountability.actions.editing.mandates import (
    check_delete_mandate,
    check_delete_meeting,
    check_update_mandate,
    check_update_meeting,
)
from groundwork.accountability.actions.editing.pledges import (
    check_delete_pledge,
    check_delete_pledge_answer,
    check_update_pledge,
)
from groundwork.accountability.actions.editing.policies import (
    check_delete_policy,
    check_delete_statement,
    check_update_policy,
    check_update_statement,
)

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
]

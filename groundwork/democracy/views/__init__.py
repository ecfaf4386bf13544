"""Democracy pages, split by subject; the names are re-exported for urls.py.

Every view is thin: parse, fetch with the access check (queries.get_*_for or the scope's rule),
one action, render or redirect. 404 answers alike for "missing" and "not yours".
"""

from groundwork.democracy.views.ballots import (
    alliance_ballot_create,
    alliance_ballots,
    ballot,
    ballot_cancel,
    ballot_change_vote,
    ballot_edit,
    ballot_open,
    ballot_voted,
    group_ballot_create,
    group_ballots,
)
from groundwork.democracy.views.decisions import alliance_decisions, delegates, group_decisions
from groundwork.democracy.views.proposals import (
    alliance_proposal_create,
    alliance_proposals,
    amendment_accept,
    amendment_decline,
    amendment_put_to_vote,
    group_proposal_create,
    group_proposals,
    proposal,
    proposal_amend,
    proposal_comment,
    proposal_edit,
    proposal_open_vote,
    proposal_submit,
    proposal_support,
    proposal_withdraw,
)
from groundwork.democracy.views.results import ballot_blt, ballot_trackers, results
from groundwork.democracy.views.settings import group_settings
from groundwork.democracy.views.tellers import (
    alliance_teller_key,
    alliance_tellers,
    ballot_give_share,
    group_teller_key,
    group_tellers,
)

__all__ = [
    "ballot_edit",
    "proposal_edit",
    "alliance_teller_key",
    "alliance_tellers",
    "ballot_give_share",
    "group_teller_key",
    "group_tellers",
    "alliance_ballot_create",
    "alliance_ballots",
    "alliance_decisions",
    "alliance_proposal_create",
    "alliance_proposals",
    "amendment_accept",
    "amendment_decline",
    "amendment_put_to_vote",
    "ballot",
    "ballot_blt",
    "ballot_trackers",
    "ballot_cancel",
    "ballot_change_vote",
    "ballot_open",
    "ballot_voted",
    "delegates",
    "group_ballot_create",
    "group_ballots",
    "group_decisions",
    "group_proposal_create",
    "group_proposals",
    "group_settings",
    "proposal",
    "proposal_amend",
    "proposal_comment",
    "proposal_open_vote",
    "proposal_submit",
    "proposal_support",
    "proposal_withdraw",
    "results",
]

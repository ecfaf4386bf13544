"""Every change in the democracy app: proposals and deliberation, ballots, votes, closing.

Split by subject; the names are re-exported here so callers write `actions.do_cast_vote`.
"""

from groundwork.democracy.actions.ballots import (
    BallotSpec,
    GroupsWithoutDelegates,
    check_cancel_ballot,
    check_open_ballot,
    do_create_ballot,
    do_notify_ballot_opened,
    do_remind_electors,
)
from groundwork.democracy.actions.closing import (
    count_votes,
    do_close_ballot,
    do_close_ballot_at_deadline,
    do_count_sealed_ballot,
)
from groundwork.democracy.actions.decisions import do_log_decision
from groundwork.democracy.actions.drafts import (
    check_edit_draft_ballot,
    check_edit_draft_proposal,
    spec_of,
)
from groundwork.democracy.actions.proposals import (
    check_accept_amendment,
    check_decline_amendment,
    check_open_proposal_vote,
    check_put_amendment_to_vote,
    check_support_proposal,
    do_comment,
    do_create_proposal,
    do_lapse_if_stale,
    do_propose_amendment,
    do_set_delegates,
    do_submit_proposal,
    do_withdraw_proposal,
)
from groundwork.democracy.actions.settings import check_update_democracy_settings
from groundwork.democracy.actions.tellers import (
    check_appoint_tellers,
    check_give_share,
    check_take_teller_key,
    do_ask_tellers_for_shares,
)
from groundwork.democracy.actions.voting import check_cast_vote, check_change_vote

__all__ = [
    "do_log_decision",
    "BallotSpec",
    "GroupsWithoutDelegates",
    "check_appoint_tellers",
    "check_give_share",
    "check_take_teller_key",
    "do_ask_tellers_for_shares",
    "do_count_sealed_ballot",
    "check_accept_amendment",
    "check_cancel_ballot",
    "check_cast_vote",
    "check_edit_draft_ballot",
    "check_edit_draft_proposal",
    "check_change_vote",
    "check_decline_amendment",
    "check_open_ballot",
    "check_open_proposal_vote",
    "check_put_amendment_to_vote",
    "check_support_proposal",
    "check_update_democracy_settings",
    "count_votes",
    "do_close_ballot",
    "do_close_ballot_at_deadline",
    "do_comment",
    "do_create_ballot",
    "do_create_proposal",
    "do_lapse_if_stale",
    "do_notify_ballot_opened",
    "do_propose_amendment",
    "do_remind_electors",
    "do_set_delegates",
    "do_submit_proposal",
    "do_withdraw_proposal",
    "spec_of",
]

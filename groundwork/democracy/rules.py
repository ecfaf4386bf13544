"""Who may see and do what in the group's and the alliance's democracy (django-rules).

A group's proposals and ballots are its own: only its members see them. Alliance-wide ones are
seen by every member of the alliance. Each list-limiting rule has a twin in queries.py.
"""

import rules

from groundwork.democracy.models import Ballot, KeyShare, Proposal, Teller
from groundwork.groups.rules import (
    organises_group,
    organises_group_or_alliance,
    organises_scope,
    roles_of,
)


def _in_scope(user, group_id: int | None) -> bool:
    """A member of the group; for the whole alliance, a member of any group or a coordinator."""
    roles = roles_of(user)
    if group_id is None:
        # Coordinators run the alliance's ballots, so they see them even if in no group.
        return bool(roles) or organises_scope(user, None)
    return group_id in roles


@rules.predicate
def can_see_proposal(user, proposal: Proposal) -> bool:
    if proposal.status == Proposal.Status.DRAFT:
        return user.is_authenticated and proposal.proposer_id == user.pk
    return _in_scope(user, proposal.group_id)


@rules.predicate
def is_proposer(user, proposal: Proposal) -> bool:
    return user.is_authenticated and proposal.proposer_id == user.pk


@rules.predicate
def in_discussion(user, proposal: Proposal) -> bool:
    return proposal.status == Proposal.Status.DISCUSSION


@rules.predicate
def is_draft(user, proposal: Proposal) -> bool:
    return proposal.status == Proposal.Status.DRAFT


@rules.predicate
def open_for_comment(user, proposal: Proposal) -> bool:
    return proposal.status in {Proposal.Status.DISCUSSION, Proposal.Status.VOTING}


@rules.predicate
def organises_proposal_scope(user, proposal: Proposal) -> bool:
    return organises_scope(user, proposal.group_id)


@rules.predicate
def can_see_ballot(user, ballot: Ballot) -> bool:
    if ballot.status == Ballot.Status.DRAFT:
        return organises_scope(user, ballot.group_id)
    return _in_scope(user, ballot.group_id)


@rules.predicate
def organises_ballot_scope(user, ballot: Ballot) -> bool:
    return organises_scope(user, ballot.group_id)


@rules.predicate
def ballot_is_closed(user, ballot: Ballot) -> bool:
    return ballot.status == Ballot.Status.CLOSED


@rules.predicate
def ballot_is_draft(user, ballot: Ballot) -> bool:
    return ballot.status == Ballot.Status.DRAFT


@rules.predicate
def can_take_part_in_group(user, group) -> bool:
    return _in_scope(user, group.pk if group is not None else None)


@rules.predicate
def is_teller_of(user, group) -> bool:
    """One of the tellers of the group's (or, for None, the alliance's) secret ballots."""
    if not user.is_authenticated:
        return False
    return Teller.objects.filter(panel__group=group, user=user).exists()


@rules.predicate
def holds_key_share(user, ballot: Ballot) -> bool:
    """A teller holding a share of this ballot's key."""
    if not user.is_authenticated:
        return False
    return KeyShare.objects.filter(ballot=ballot, teller=user).exists()


rules.add_perm("democracy.view_proposals", can_take_part_in_group)
rules.add_perm("democracy.propose", can_take_part_in_group)
rules.add_perm("democracy.see_proposal", can_see_proposal)
rules.add_perm("democracy.edit_proposal", is_proposer & is_draft)
rules.add_perm("democracy.comment_proposal", can_see_proposal & open_for_comment)
rules.add_perm("democracy.support_proposal", can_see_proposal & in_discussion)
rules.add_perm("democracy.amend_proposal", can_see_proposal & in_discussion)
rules.add_perm("democracy.decide_amendment", is_proposer & in_discussion)
rules.add_perm("democracy.withdraw_proposal", is_proposer & (is_draft | in_discussion))
rules.add_perm("democracy.open_vote", can_see_proposal & organises_proposal_scope & in_discussion)
rules.add_perm("democracy.create_ballot", organises_group_or_alliance)
rules.add_perm("democracy.see_ballot", can_see_ballot)
rules.add_perm("democracy.manage_ballot", organises_ballot_scope)
rules.add_perm("democracy.edit_ballot", organises_ballot_scope & ballot_is_draft)
# Results exist only once the ballot has closed, for every role: organisers included.
rules.add_perm("democracy.view_results", can_see_ballot & ballot_is_closed)
rules.add_perm("democracy.view_decisions", can_take_part_in_group)
rules.add_perm("democracy.set_group_rules", organises_group)
# The tellers' page: organisers appoint them; each teller takes their own key there.
rules.add_perm("democracy.see_tellers", organises_group_or_alliance | is_teller_of)
rules.add_perm("democracy.appoint_tellers", organises_group_or_alliance)
rules.add_perm("democracy.take_teller_key", is_teller_of)
rules.add_perm("democracy.give_share", holds_key_share)

"""Who may do what in the accountability app (django-rules). The register's pages are public;
a position's recall petitions answer to those the position answers to."""

import rules

from groundwork.accountability.models import Position, RecallPetition
from groundwork.democracy.models import Ballot
from groundwork.groups.rules import coordinates_alliance, is_coordinator, organises_scope, roles_of

# The register
rules.add_perm("accountability.import_representatives", coordinates_alliance)

# Recall


def _in_scope_of(user, position: Position) -> bool:
    """A member of the position's group; for an alliance position, a member of any group or a
    coordinator."""
    if position.group_id is None:
        return bool(roles_of(user)) or is_coordinator(user)
    return position.group_id in roles_of(user)


@rules.predicate
def can_see_position_recalls(user, position: Position) -> bool:
    """Those the position answers to see the recall petitions against its holders."""
    return _in_scope_of(user, position)


@rules.predicate
def in_position_electorate(user, position: Position) -> bool:
    """Elects the position (its group's members, every member, or the delegates)."""
    from groundwork.accountability.actions.recall_common import is_in_electorate

    return is_in_electorate(user, position)


@rules.predicate
def can_see_recall_petition(user, petition: RecallPetition) -> bool:
    """Those the position answers to, and the holder the petition is against."""
    if user.is_authenticated and petition.term.holder_id == user.pk:
        return True
    return _in_scope_of(user, petition.term.position)


@rules.predicate
def in_petition_electorate(user, petition: RecallPetition) -> bool:
    from groundwork.accountability.actions.recall_common import is_in_electorate

    return is_in_electorate(user, petition.term.position)


@rules.predicate
def is_the_holder(user, petition: RecallPetition) -> bool:
    return user.is_authenticated and petition.term.holder_id == user.pk


@rules.predicate
def petition_gathers_signatures(user, petition: RecallPetition) -> bool:
    return petition.status == RecallPetition.Status.OPEN


@rules.predicate
def organises_petition_scope(user, petition: RecallPetition) -> bool:
    """Organiser of the position's group (a coordinator, for the alliance), with two-factor."""
    return organises_scope(user, petition.term.position.group_id)


@rules.predicate
def recall_ballot_waits(user, petition: RecallPetition) -> bool:
    """The threshold was reached but the recall ballot could not open by itself."""
    ballot = petition.ballot
    return (
        petition.status == RecallPetition.Status.BALLOT
        and ballot is not None
        and ballot.status == Ballot.Status.DRAFT
    )


@rules.predicate
def recall_carried(user, petition: RecallPetition) -> bool:
    return petition.status == RecallPetition.Status.CARRIED


rules.add_perm("accountability.see_recall_petitions", can_see_position_recalls)
rules.add_perm("accountability.open_recall_petition", in_position_electorate)
rules.add_perm("accountability.see_recall_petition", can_see_recall_petition)
rules.add_perm(
    "accountability.sign_recall_petition",
    can_see_recall_petition & petition_gathers_signatures & in_petition_electorate & ~is_the_holder,
)
rules.add_perm("accountability.open_recall_ballot", organises_petition_scope & recall_ballot_waits)
rules.add_perm("accountability.call_by_election", organises_petition_scope & recall_carried)

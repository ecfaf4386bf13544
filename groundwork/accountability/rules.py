"""Who may see and do what in the accountability app (django-rules).

The register of public representatives is public; coordinators import it. A group's positions, their
holders, mandates, meetings and report-backs are the group's own: only its members see them; the
alliance's positions are seen by every member of the alliance. A position's recall petitions
answer to those the position answers to.

Everything the voting record and the scorecards hold is public (what parliaments and councils
publish, and what organisers record from public sources with a link), so reading needs no rule.
Writing does: organisers of a group write policies for their group, coordinators for the
alliance; coordinators link the platform's objectives to policies; organisers and coordinators
record statements and council decisions. Each needs two-factor authentication. The list twin of
"which groups may I write for" is `queries.groups_to_write_for(user)`.
"""

import rules
from django.utils import timezone

from groundwork.accountability.models import Meeting, Position, RecallPetition, Term
from groundwork.democracy.models import Ballot
from groundwork.groups.models import Membership
from groundwork.groups.rules import (
    coordinates_alliance,
    is_coordinator,
    organises_group,
    organises_scope,
    roles_of,
)
from groundwork.members.rules import has_two_factor

# The register
rules.add_perm("accountability.import_representatives", coordinates_alliance)

# Positions


def takes_part_in(user, group_id: int | None) -> bool:
    """A member of the group; for the alliance (None), a member of any group or a coordinator."""
    roles = roles_of(user)
    if group_id is None:
        return bool(roles) or organises_scope(user, None)
    return group_id in roles


@rules.predicate
def takes_part_in_scope(user, group) -> bool:
    """A member of the group (of any group, or a coordinator, for the alliance: None)."""
    return takes_part_in(user, group.pk if group is not None else None)


@rules.predicate
def organises_positions_of(user, group) -> bool:
    """Organiser of the group (coordinator for the alliance: None), with two-factor."""
    return organises_scope(user, group.pk if group is not None else None)


@rules.predicate
def can_see_position(user, position: Position) -> bool:
    """In the position's scope: its group's members, or the alliance's."""
    return takes_part_in(user, position.group_id)


@rules.predicate
def organises_position(user, position: Position) -> bool:
    """Organiser of the position's group (coordinator for an alliance position), two-factor."""
    return organises_scope(user, position.group_id)


@rules.predicate
def organises_term(user, term: Term) -> bool:
    """Organiser of the group whose position the term is in (coordinator for the alliance)."""
    return organises_scope(user, term.position.group_id)


@rules.predicate
def holds_position(user, position: Position) -> bool:
    """Holds the position now (a term not ended)."""
    if not user.is_authenticated:
        return False
    return Term.objects.filter(position=position, holder=user, ended_on__isnull=True).exists()


@rules.predicate
def held_position_at_meeting(user, meeting: Meeting) -> bool:
    """Held the meeting's position on the day it was held, and may so report back from it."""
    if not user.is_authenticated:
        return False
    return (
        Term.objects.filter(
            position_id=meeting.position_id,
            holder=user,
            starts_on__lte=meeting.held_on,
        )
        .exclude(ended_on__lt=meeting.held_on)
        .exists()
    )


@rules.predicate
def can_see_meeting(user, meeting: Meeting) -> bool:
    """In the scope of the meeting's position."""
    return takes_part_in(user, meeting.position.group_id)


@rules.predicate
def meeting_has_been_held(user, meeting: Meeting) -> bool:
    """A report-back follows the meeting: not before the day it is held."""
    return meeting.held_on <= timezone.localdate()


rules.add_perm("accountability.list_positions", takes_part_in_scope)
rules.add_perm("accountability.create_position", organises_positions_of)
rules.add_perm("accountability.set_accountability_rules", organises_group)
rules.add_perm("accountability.see_position", can_see_position)
# Edit, call an election, appoint, write a mandate, end a holder's term.
rules.add_perm("accountability.manage_position", organises_position)
# The holders record the meetings they attend, as the organisers do.
rules.add_perm("accountability.record_meeting", organises_position | holds_position)
rules.add_perm("accountability.step_down", holds_position)
rules.add_perm("accountability.end_term", organises_term)
rules.add_perm(
    "accountability.report_back",
    can_see_meeting & held_position_at_meeting & meeting_has_been_held,
)


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


# Policies and statements

ORGANISER = Membership.Role.ORGANISER


@rules.predicate
def organises_a_group(user) -> bool:
    """Organiser of at least one group (two-factor is asked separately)."""
    return ORGANISER in roles_of(user).values()


writes_for_a_group_or_the_alliance = (organises_a_group | is_coordinator) & has_two_factor

rules.add_perm("accountability.add_policy", writes_for_a_group_or_the_alliance)
rules.add_perm("accountability.link_policy", coordinates_alliance)
rules.add_perm("accountability.add_statement", writes_for_a_group_or_the_alliance)


# Pledges
# A pledge is seen by whoever sees its campaign (campaigns.see_campaign: public past planning, the
# campaign's scope while planned); the campaign's organisers (campaigns.organise_campaign, with
# two-factor) write pledges and record the answers. The list twin of see_pledge is
# `queries.pledge_answers_for(user, person)`, through campaigns_visible_to.


@rules.predicate
def can_see_pledge(user, pledge) -> bool:
    """Sees the pledge's campaign."""
    return user.has_perm("campaigns.see_campaign", pledge.campaign)


@rules.predicate
def organises_pledge_campaign(user, subject) -> bool:
    """Organises the campaign (a Campaign, or a Pledge's), with two-factor."""
    campaign = getattr(subject, "campaign", subject)
    return user.has_perm("campaigns.organise_campaign", campaign)


rules.add_perm("accountability.see_pledge", can_see_pledge)
# For creating one, the subject is the campaign.
rules.add_perm("accountability.create_pledge", organises_pledge_campaign)
rules.add_perm("accountability.answer_pledge", organises_pledge_campaign)


# Correcting and removing
# Exactly those who may create a record may change or remove it: mandates, the position's
# organisers; meetings, its organisers and current holders; policies written here and statements,
# the organisers of the group they were written for (coordinators, for the alliance's); pledges and
# their answers, the campaign's organisers. What stays on the record whatever the rights (a
# mandate for a meeting already held, a policy imported from Public Whip) is refused by the rule,
# so no link shows; what must be removed first (a meeting's report-backs) is refused by the action
# with a message on the confirmation page. Names say correct_/remove_, not the admin's
# change_/delete_ (docs/permissions.md).


def positions_held_now(user) -> set[int]:
    """The ids of the positions the user holds now (cached on the user object: one query for a
    page that asks it of every meeting)."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_groundwork_positions_held"):
        user._groundwork_positions_held = set(
            Term.objects.filter(holder=user, ended_on__isnull=True).values_list(
                "position_id", flat=True
            )
        )
    return user._groundwork_positions_held


@rules.predicate
def organises_mandate_position(user, mandate) -> bool:
    """Organiser of the mandate's position's group (coordinator for the alliance), two-factor."""
    return organises_scope(user, mandate.position.group_id)


@rules.predicate
def mandate_is_frozen(user, mandate) -> bool:
    """A mandate for one meeting stays as it was from the day the meeting is held: the holders
    acted on it and their report-backs answer to it."""
    meeting = mandate.meeting
    return meeting is not None and meeting.held_on <= timezone.localdate()


@rules.predicate
def organises_meeting_position(user, meeting: Meeting) -> bool:
    return organises_scope(user, meeting.position.group_id)


@rules.predicate
def holds_meeting_position(user, meeting: Meeting) -> bool:
    """Holds the meeting's position now, as those who may record its meetings do."""
    return meeting.position_id in positions_held_now(user)


@rules.predicate
def written_here(user, policy) -> bool:
    """Written by a group or the alliance, not imported (Public Whip's policies are theirs)."""
    return policy.source_id is None and not policy.external_id


@rules.predicate
def organises_policy_scope(user, policy) -> bool:
    """Organiser of the group the policy was written for (coordinator for the alliance's)."""
    return organises_scope(user, policy.group_id)


@rules.predicate
def organises_statement_scope(user, statement) -> bool:
    """Organiser of the group that recorded the statement (coordinator for the alliance's)."""
    return organises_scope(user, statement.group_id)


@rules.predicate
def organises_answer_campaign(user, answer) -> bool:
    """Organises the campaign whose pledge the answer is to, with two-factor."""
    return user.has_perm("campaigns.organise_campaign", answer.pledge.campaign)


rules.add_perm("accountability.correct_mandate", organises_mandate_position & ~mandate_is_frozen)
rules.add_perm("accountability.remove_mandate", organises_mandate_position & ~mandate_is_frozen)
rules.add_perm(
    "accountability.correct_meeting", organises_meeting_position | holds_meeting_position
)
rules.add_perm("accountability.remove_meeting", organises_meeting_position | holds_meeting_position)
rules.add_perm("accountability.correct_policy", written_here & organises_policy_scope)
rules.add_perm("accountability.remove_policy", written_here & organises_policy_scope)
rules.add_perm("accountability.correct_statement", organises_statement_scope)
rules.add_perm("accountability.remove_statement", organises_statement_scope)
rules.add_perm("accountability.correct_pledge", organises_pledge_campaign)
rules.add_perm("accountability.remove_pledge", organises_pledge_campaign)
# Changing an answer is recording it again (accountability.answer_pledge).
rules.add_perm("accountability.remove_pledge_answer", organises_answer_campaign)

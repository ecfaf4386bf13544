"""Domain verbs for tests of positions: a position created, filled by an election or an
appointment, meetings held and reported from; and the rows the permission matrix points at."""

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from groundwork.accountability import actions
from groundwork.accountability.models import Election, Meeting, Position, ReportBack, Term
from groundwork.democracy import actions as democracy
from groundwork.democracy.models import Ballot, TellingPanel
from groundwork.democracy.tests.factories import (
    appoint_tellers,
    fast_forward_past_deadline,
    vote_for,
)


def make_position(group, organiser, title: str = "Secretary", **fields) -> Position:
    """A position of `group` (None: the alliance), created by `organiser`."""
    values: dict[str, Any] = {
        "kind": Position.Kind.OFFICER,
        "seats": 1,
        "term_months": 12,
        "electorate": Ballot.Electorate.GROUP if group is not None else Ballot.Electorate.ALLIANCE,
    }
    values |= fields
    return actions.check_create_position(group=group, title=title, acting_user=organiser, **values)


def appoint(
    position: Position, organiser, holder, text: str = "Agreed at the general meeting"
) -> Term:
    return actions.check_appoint(
        position, holder_id=holder.pk, appointment=text, acting_user=organiser
    )


def call_election(position: Position, organiser, candidates, **options) -> Election:
    """Call an election (a secret ranked ballot in draft) and open it."""
    if not TellingPanel.objects.filter(group=position.group).exists():
        appoint_tellers(position.group, organiser)
    values: dict[str, Any] = {
        "closes_at": timezone.now() + timedelta(days=7),
        "method": Ballot.Method.STV_SCOTTISH if position.seats > 1 else Ballot.Method.IRV,
    }
    values |= options
    election = actions.check_call_election(
        position,
        candidate_ids=[c.pk for c in candidates],
        acting_user=organiser,
        **values,
    )
    democracy.check_open_ballot(election.ballot, acting_user=organiser)
    election.ballot.refresh_from_db()
    return election


def elect(election: Election, voters, ranking: list[int]) -> Ballot:
    """Every voter ranks the candidates as `ranking` (option positions), then the ballot closes
    and is counted as the jobs would."""
    for voter in voters:
        vote_for(election.ballot, voter, ranking=ranking)
    return fast_forward_past_deadline(election.ballot)


def hold_meeting(
    position: Position, by, days_ago: int, title: str = "Regional assembly"
) -> Meeting:
    return actions.check_record_meeting(
        position,
        title=title,
        held_on=timezone.localdate() - timedelta(days=days_ago),
        acting_user=by,
    )


def report(meeting: Meeting, holder, followed: str = ReportBack.Followed.YES) -> ReportBack:
    return actions.check_report_back(
        meeting,
        what_happened="The assembly agreed the winter plan.",
        how_voted="For the plan.",
        followed_mandate=followed,
        explanation="" if followed == ReportBack.Followed.YES else "It changed on the day.",
        acting_user=holder,
    )


def backdate(term: Term, starts_on: date) -> Term:
    """Move a term's start earlier, as if it had begun then."""
    Term.objects.filter(pk=term.pk).update(starts_on=starts_on)
    term.refresh_from_db()
    return term


def build_matrix_positions(riverside, *, alice, bob, admin) -> dict:
    """A Riverside delegate position held by bob (since a year ago) with a meeting held last week;
    an alliance position with no holder."""
    position = make_position(riverside, alice, "Delegate to the regional assembly", kind="delegate")
    term = backdate(appoint(position, alice, bob), timezone.localdate() - timedelta(days=365))
    meeting = hold_meeting(position, alice, days_ago=7)
    alliance_position = make_position(None, admin, "Alliance treasurer")
    return {
        "position": position,
        "term": term,
        "meeting": meeting,
        "alliance_position": alliance_position,
    }

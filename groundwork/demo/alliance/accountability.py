"""Demo positions: Riverside's secretary and its delegate to the regional assembly, appointed at
the AGM and written in the decision log; the delegate's mandate for the assembly, one report-back
filed from the spring assembly and one overdue from the summer one."""

from datetime import timedelta

from django.utils import timezone

from groundwork.accountability import actions
from groundwork.accountability.models import Position, ReportBack
from groundwork.democracy.models import Ballot
from groundwork.groups.models import Group
from groundwork.members.models import User

RIVERSIDE = "Riverside Action Group"


def load_demo_positions(*, coordinator: User, groups: dict[str, Group], people: dict) -> None:
    """Add the positions part of the demo alliance."""
    riverside = groups[RIVERSIDE]
    alice, bob, erin = (people[f"{name}@example.org"] for name in ("alice", "bob", "erin"))
    today = timezone.localdate()
    agm = today - timedelta(days=120)
    secretary = actions.check_create_position(
        group=riverside,
        title="Secretary",
        kind=Position.Kind.OFFICER,
        description="Keeps the minutes, the membership list and the group's correspondence.",
        seats=1,
        term_months=12,
        electorate=Ballot.Electorate.GROUP,
        acting_user=alice,
    )
    actions.check_appoint(
        secretary,
        holder_id=erin.pk,
        appointment="Appointed unopposed at the AGM, minute 6.",
        starts_on=agm,
        acting_user=alice,
    )
    delegate = actions.check_create_position(
        group=riverside,
        title="Delegate to the South London regional assembly",
        kind=Position.Kind.DELEGATE,
        description="Speaks and votes for Riverside at the regional assembly, and reports back.",
        seats=1,
        term_months=12,
        electorate=Ballot.Electorate.GROUP,
        acting_user=alice,
    )
    actions.check_appoint(
        delegate,
        holder_id=bob.pk,
        appointment="Appointed at the AGM, minute 7, until an election can be held.",
        starts_on=agm,
        acting_user=alice,
    )
    spring = actions.check_record_meeting(
        delegate,
        title="Spring regional assembly",
        held_on=today - timedelta(days=60),
        place="Camberwell Leisure Centre",
        acting_user=bob,
    )
    actions.check_write_mandate(
        delegate,
        title="Rent controls motion",
        text="Vote **for** the motion on rent controls; oppose any amendment that delays it.",
        meeting=spring,
        acting_user=alice,
    )
    actions.check_report_back(
        spring,
        what_happened="The assembly debated rent controls for an hour; the motion passed 31–9.",
        how_voted="For the motion, against the delaying amendment.",
        followed_mandate=ReportBack.Followed.YES,
        acting_user=bob,
    )
    # Held three weeks ago, more than the default fourteen days: Bob's report is overdue.
    actions.check_record_meeting(
        delegate,
        title="Summer regional assembly",
        held_on=today - timedelta(days=21),
        place="Peckham Library",
        acting_user=bob,
    )

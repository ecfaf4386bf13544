"""Records to correct and remove, for the tests of editing and the permission matrix."""

from datetime import date, timedelta

from django.utils import timezone

from groundwork.accountability import actions
from groundwork.accountability.models import Mandate, Meeting, Person, Policy, Statement
from groundwork.accountability.tests.factories import policy_on
from groundwork.aims.models import Objective


def objective(number: int = 1) -> Objective:
    """An objective of the platform, as seeded from the founding text."""
    return Objective.objects.get(number=number)


def record_statement(person: Person, group, by, *, summary="Promised to keep the library open."):
    return Statement.objects.create(
        person=person,
        kind=Statement.Kind.STATEMENT,
        date=date(2024, 3, 1),
        summary=summary,
        source_url="https://example.org/hustings",
        objective=objective(),
        stance=Statement.Stance.FOR,
        group=group,
        recorded_by=by,
    )


def mandate_for(position, organiser, meeting: Meeting | None = None, title="Vote for the plan"):
    return actions.check_write_mandate(
        position,
        title=title,
        text="Vote for the winter plan; raise the bus cuts.",
        meeting=meeting,
        acting_user=organiser,
    )


def upcoming_meeting(position, by, *, in_days: int = 14, title: str = "Spring assembly"):
    return actions.check_record_meeting(
        position,
        title=title,
        held_on=timezone.localdate() + timedelta(days=in_days),
        acting_user=by,
    )


def build_matrix_editing(riverside, register: dict, *, alice) -> dict:
    """Riverside's mandate for its delegate's next meeting, a policy Riverside wrote on the
    council's division, and a statement Riverside recorded about the councillor."""
    position = register["position"]
    spring = upcoming_meeting(position, alice)
    mandate: Mandate = mandate_for(position, alice, spring)
    first = register["policy"].divisions.get()
    riverside_policy: Policy = policy_on(
        "Riverside's fair budget", [(first, "aye", "strong")], group=riverside
    )
    statement = record_statement(register["person"], riverside, alice)
    return {
        "mandate": mandate,
        "riverside_policy": riverside_policy,
        "statement": statement,
        "answer": register["pledge"].answers.get(),
    }

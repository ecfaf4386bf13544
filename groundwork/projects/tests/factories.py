"""Domain verbs for the projects app's tests."""

from datetime import timedelta

from django.utils import timezone

from groundwork.groups.models import Group
from groundwork.members.models import User
from groundwork.projects import actions
from groundwork.projects.models import AidRequest, Project, Shift, ShiftSignup


def start_project(
    group: Group,
    organiser: User,
    *,
    name: str = "Food share",
    kind: str = Project.Kind.MUTUAL_AID,
    coordinators: list[User] | None = None,
    objectives=(),
) -> Project:
    return actions.check_create_project(
        group,
        values={
            "name": name,
            "kind": kind,
            "focus": "food",
            "summary": "Food for anyone who needs it.",
            "description": "",
            "where": "",
        },
        objectives=list(objectives),
        coordinators=coordinators or [],
        acting_user=organiser,
    )


def add_shift(project: Project, organiser: User, *, places: int = 2, days: int = 3) -> Shift:
    starts = timezone.now() + timedelta(days=days)
    return actions.do_add_shift(
        project,
        title="Saturday kitchen",
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        places=places,
        acting_user=organiser,
    )


def sign_up(shift: Shift, member: User) -> ShiftSignup:
    return actions.check_sign_up(shift, acting_user=member)


def ask_for_help(project: Project, *, name: str = "Pat Doe", by: User | None = None) -> AidRequest:
    return actions.check_request_aid(
        project,
        values={
            "name": name,
            "contact": "07700 900123",
            "need": "Food for a family of four",
            "postcode_district": "SE15",
        },
        acting_user=by,
    )


def build_matrix_world(riverside: Group, *, alice: User, bob: User) -> dict:
    """What the permission matrix's aims and projects routes point at, in Riverside: an objective
    in its plan with a goal and bob's task, a mutual-aid project (a shift, a need, a request for
    help) and a co-operative with its formation steps."""
    from groundwork.aims.models import Aim, Objective
    from groundwork.aims.tests.factories import give_task, plan_goal

    goal = plan_goal(riverside, alice)
    kitchen = start_project(riverside, alice, name="Kitchen")
    coop = start_project(riverside, alice, name="Bike works", kind=Project.Kind.COOPERATIVE)
    return {
        "aim": Aim.objects.get(number=1),
        "objective": Objective.objects.get(number=1),
        "adoption": goal.adoption,
        "goal": goal,
        "task": give_task(goal, alice, owner=bob),
        "kitchen": kitchen,
        "coop": coop,
        "step": coop.steps.first(),
        "shift": add_shift(kitchen, alice, places=5),
        "listing": actions.do_add_listing(kitchen, kind="need", title="A van", acting_user=alice),
        "aid_request": ask_for_help(kitchen),
    }

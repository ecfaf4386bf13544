"""aims and projects: a group's action plan, and a project's requests for help and volunteers,
agree with their rules."""

import pytest

from groundwork.aims import queries as aims_queries
from groundwork.aims.models import ObjectiveAdoption, Task
from groundwork.aims.tests.factories import give_task, plan_goal
from groundwork.projects import queries as project_queries
from groundwork.projects.models import AidRequest, ShiftSignup
from groundwork.projects.tests.factories import add_shift, ask_for_help, sign_up, start_project
from tests.rules_and_queries.conftest import MEMBERS, ORGANISING, PEOPLE, as_asked

pytestmark = pytest.mark.django_db

# Who runs each project, by hand: the group's organisers with two-factor, and the members named
# as its coordinators (bob for Riverside's kitchen, carol for Hillside's); olive, Hillside's
# organiser without two-factor, runs none.
RUNS = {
    ("riverside", "Kitchen"): {"alice", "bob"},
    ("riverside", "Bike works"): {"alice"},
    ("hillside", "Kitchen"): {"carol"},
    ("hillside", "Bike works"): set(),
}
VOLUNTEER = {"riverside": "bob", "hillside": "carol"}


@pytest.fixture
def plans(people, riverside, hillside):
    """Each group's plan: an adopted objective with a goal and a task."""
    for group, organiser in ((riverside, people["alice"]), (hillside, people["olive"])):
        give_task(plan_goal(group, organiser), organiser, owner=organiser)
    return {"riverside": riverside, "hillside": hillside}


def test_action_plan_visible_to_agrees_with_view_actionplan(people, plans):
    for who in PEOPLE:
        user = as_asked(people[who])
        for slug, group in plans.items():
            rows = set(ObjectiveAdoption.objects.filter(group=group))
            assert rows
            allowed = user.has_perm("aims.view_actionplan", group)
            assert allowed == (who in MEMBERS[slug]), (who, slug)
            shown = set(aims_queries.action_plan_visible_to(user, group))
            assert shown == (rows if allowed else set()), (who, slug)


def test_action_plan_for_marks_the_tasks_aims_change_task_lets_each_person_move(people, plans):
    """Each group's plan gains a task of a member's and one of nobody's (or the organiser's)."""
    for slug, organiser, owners in (
        ("riverside", "alice", ("bob", None)),
        ("hillside", "olive", ("carol", "olive")),
    ):
        goal = plans[slug].objective_adoptions.get().goals.get()
        for owner in owners:
            owned_by = people[owner] if owner else None
            give_task(goal, people[organiser], owner=owned_by, title=f"For {owner}")
    for who in PEOPLE:
        user = as_asked(people[who])
        for slug, group in plans.items():
            tasks = [
                task
                for adoption in aims_queries.action_plan_for(user, group)
                for goal in adoption.goals
                for task in goal.tasks
            ]
            assert len(tasks) == (3 if who in MEMBERS[slug] else 0), (who, slug)
            marked = [task.can_move for task in tasks]
            for task, can_move in zip(tasks, marked, strict=True):
                row = Task.objects.select_related("goal__adoption").get(pk=task.pk)
                moves = as_asked(people[who]).has_perm("aims.change_task", row)
                assert can_move == moves, (who, slug, task.title)
            # Every member moves a task: the organiser with two-factor any, the others their own.
            assert any(marked) == (who in MEMBERS[slug]), (who, slug)
            moves_all = bool(tasks) and all(marked)
            assert moves_all == (who in ORGANISING[slug]), (who, slug)


@pytest.fixture
def projects(people, riverside, hillside):
    """Two projects in each group, each with a request for help and a shift with a volunteer."""
    found = {}
    for slug, group in (("riverside", riverside), ("hillside", hillside)):
        organiser = people["alice" if slug == "riverside" else "olive"]
        named = people[VOLUNTEER[slug]]
        for name in ("Kitchen", "Bike works"):
            coordinators = [named] if name == "Kitchen" else []
            project = start_project(group, organiser, name=name, coordinators=coordinators)
            ask_for_help(project)
            sign_up(add_shift(project, organiser), named)
            found[slug, name] = project
    return found


def test_aid_requests_visible_to_agrees_with_view_aidrequest(people, projects):
    for who in PEOPLE:
        user = as_asked(people[who])
        for key, project in projects.items():
            rows = set(AidRequest.objects.filter(project=project))
            assert rows
            allowed = user.has_perm("projects.view_aidrequest", project)
            assert allowed == (who in RUNS[key]), (who, key)
            shown = set(project_queries.aid_requests_visible_to(user, project))
            assert shown == (rows if allowed else set()), (who, key)


def test_volunteers_visible_to_agrees_with_view_shiftsignup(people, projects):
    for who in PEOPLE:
        user = as_asked(people[who])
        for key, project in projects.items():
            shifts = list(project.shifts.all())
            every = {
                shift.pk: [signup.user for signup in ShiftSignup.objects.filter(shift=shift)]
                for shift in shifts
            }
            assert all(every.values())
            allowed = user.has_perm("projects.view_shiftsignup", project)
            assert allowed == (who in RUNS[key]), (who, key)
            shown = project_queries.volunteers_visible_to(user, project, shifts)
            assert shown == (every if allowed else {}), (who, key)

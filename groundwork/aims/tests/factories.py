"""Domain verbs for the aims app's tests."""

from groundwork.aims import actions
from groundwork.aims.models import Goal, Objective, ObjectiveAdoption, Task
from groundwork.groups.models import Group
from groundwork.members.models import User


def objective(number: int = 1) -> Objective:
    return Objective.objects.get(number=number)


def adopt(group: Group, organiser: User, number: int = 1) -> ObjectiveAdoption:
    return actions.do_adopt_objective(group, objective=objective(number), acting_user=organiser)


def plan_goal(
    group: Group, organiser: User, number: int = 1, title: str = "Open a food share"
) -> Goal:
    return actions.do_add_goal(adopt(group, organiser, number), title=title, acting_user=organiser)


def give_task(
    goal: Goal, organiser: User, owner: User | None = None, title: str = "Find a hall"
) -> Task:
    return actions.check_add_task(
        goal, title=title, owner=owner, due_on=None, acting_user=organiser
    )

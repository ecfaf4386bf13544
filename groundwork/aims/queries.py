"""Reading the platform, its history, the action plans and the roll-up, in fixed queries."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import Http404

from groundwork.aims.hooks import ROLLUP, rollup_sources
from groundwork.aims.models import (
    Aim,
    Goal,
    Objective,
    ObjectiveAdoption,
    PlatformAdoption,
    Revision,
    Task,
)
from groundwork.groups.models import Group, Membership
from groundwork.groups.rules import roles_of
from groundwork.members.models import shown_name


def aims() -> QuerySet[Aim]:
    return Aim.objects.order_by("number")


def objectives() -> QuerySet[Objective]:
    return Objective.objects.order_by("number")


def platform_version() -> int:
    """The platform's current version: the newest revision's number (1 for the founding text)."""
    latest = Revision.objects.order_by("-platform_version").values_list(
        "platform_version", flat=True
    )
    return latest.first() or 1


def history() -> QuerySet[Revision]:
    """Every version of every aim and objective, newest first."""
    return Revision.objects.select_related("aim", "objective", "edited_by")


def adoption_of(user) -> PlatformAdoption | None:
    """The member's active adoption of the platform, if any."""
    if not user.is_authenticated:
        return None
    return PlatformAdoption.objects.filter(user=user, withdrawn_at=None).first()


def get_aim(pk: int) -> Aim:
    try:
        return Aim.objects.get(pk=pk)
    except Aim.DoesNotExist:
        raise Http404("No such aim.") from None


def get_objective(pk: int) -> Objective:
    try:
        return Objective.objects.get(pk=pk)
    except Objective.DoesNotExist:
        raise Http404("No such objective.") from None


def action_plan_visible_to(user, group: Group) -> QuerySet[ObjectiveAdoption]:
    """The group's adopted objectives with goals, tasks and owners (twin of view_actionplan)."""
    if not user.has_perm("aims.view_actionplan", group):
        return ObjectiveAdoption.objects.none()
    tasks = Task.objects.select_related("owner").order_by("status", "due_on", "id")
    goals = Goal.objects.prefetch_related(Prefetch("tasks", queryset=tasks))
    return (
        ObjectiveAdoption.objects.filter(group=group)
        .select_related("objective")
        .prefetch_related(Prefetch("goals", queryset=goals))
        .order_by("objective__number")
    )


@dataclass
class PlannedTask:
    """A task as the plan's page shows it: `owner` is the owner's shown name (None for nobody),
    `can_move` whether `aims.change_task` lets the reader move it along."""

    pk: int
    title: str
    status: str
    due_on: date | None
    owner_id: int | None
    owner: str | None
    can_move: bool


@dataclass
class PlannedGoal:
    pk: int
    title: str
    description: str
    tasks: list[PlannedTask] = field(default_factory=list)


@dataclass
class PlannedObjective:
    """An objective the group adopted (`pk` is the adoption's), with its goals and their tasks."""

    pk: int
    number: int
    title: str
    note: str
    goals: list[PlannedGoal] = field(default_factory=list)


def action_plan_for(user, group: Group) -> list[PlannedObjective]:
    """action_plan_visible_to as its page shows it, in one query of the columns shown, each task
    with `can_move`: whether `aims.change_task` lets the user move it along (its twin: the
    group's organisers any task, a member the tasks they own). Asked once for the plan, not once
    a task: the rule was a fifth of a big plan's time."""
    if not user.has_perm("aims.view_actionplan", group):
        return []
    organises = user.has_perm("aims.change_actionplan", group)
    member = group.pk in roles_of(user)
    rows = (
        ObjectiveAdoption.objects.filter(group=group)
        # Adoptions without goals and goals without tasks come as rows with nulls after them.
        .order_by(
            "objective__number",
            "goals__created_at",
            "goals__id",
            "goals__tasks__status",
            "goals__tasks__due_on",
            "goals__tasks__id",
        )
        .values_list(*_PLAN_COLUMNS)
    )
    objectives: dict[int, PlannedObjective] = {}
    goals: dict[int, PlannedGoal] = {}
    for row in rows:
        (pk, number, title, note, goal_pk, goal_title, description, task_pk) = row[:8]
        objective = objectives.get(pk)
        if objective is None:
            objective = objectives[pk] = PlannedObjective(pk, number, title, note)
        if goal_pk is None:
            continue
        goal = goals.get(goal_pk)
        if goal is None:
            goal = goals[goal_pk] = PlannedGoal(goal_pk, goal_title, description)
            objective.goals.append(goal)
        if task_pk is None:
            continue
        task_title, status, due_on, owner_id, display_name, email, erased_at = row[8:]
        owner = shown_name(display_name, email, erased_at) if owner_id is not None else None
        can_move = organises or (member and owner_id == user.pk)
        goal.tasks.append(
            PlannedTask(task_pk, task_title, status, due_on, owner_id, owner, can_move)
        )
    return list(objectives.values())


_PLAN_COLUMNS = (
    "pk",
    "objective__number",
    "objective__title",
    "note",
    "goals__pk",
    "goals__title",
    "goals__description",
    "goals__tasks__pk",
    "goals__tasks__title",
    "goals__tasks__status",
    "goals__tasks__due_on",
    "goals__tasks__owner_id",
    "goals__tasks__owner__display_name",
    "goals__tasks__owner__email",
    "goals__tasks__owner__erased_at",
)


def plan_progress_of(group: Group) -> dict[str, int]:
    """The group's action plan in numbers: `objectives` adopted, `tasks` and `done` (one query)."""
    done = Count("goals__tasks", filter=Q(goals__tasks__status=Task.Status.DONE))
    counts = ObjectiveAdoption.objects.filter(group=group).aggregate(
        objectives=Count("id", distinct=True), tasks=Count("goals__tasks"), done=done
    )
    tasks = counts["tasks"]
    return counts | {"percent": round(100 * counts["done"] / tasks) if tasks else 0}


def objectives_not_adopted_by(group: Group) -> QuerySet[Objective]:
    return Objective.objects.exclude(adoptions__group=group).order_by("number")


def get_adoption_in(group: Group, pk: int) -> ObjectiveAdoption:
    try:
        return ObjectiveAdoption.objects.select_related("objective", "group").get(
            group=group, pk=pk
        )
    except ObjectiveAdoption.DoesNotExist:
        raise Http404("No such objective in this plan.") from None


def get_goal_in(group: Group, pk: int) -> Goal:
    try:
        return Goal.objects.select_related("adoption__objective", "adoption__group").get(
            adoption__group=group, pk=pk
        )
    except Goal.DoesNotExist:
        raise Http404("No such goal.") from None


def get_task_in(group: Group, pk: int) -> Task:
    try:
        return Task.objects.select_related("goal__adoption__group", "owner").get(
            goal__adoption__group=group, pk=pk
        )
    except Task.DoesNotExist:
        raise Http404("No such task.") from None


def get_task(pk: int) -> Task:
    """A task with its goal, group and owner, or 404; `aims.change_task` says who may change it."""
    try:
        return Task.objects.select_related("goal__adoption__group", "owner").get(pk=pk)
    except Task.DoesNotExist:
        raise Http404("No such task.") from None


def possible_owners(group: Group) -> QuerySet:
    """Members of the group, who may own its tasks."""
    from groundwork.members.models import User

    return User.objects.filter(
        pk__in=Membership.objects.filter(group=group).values("user_id")
    ).order_by("display_name", "email")


@dataclass
class ObjectiveProgress:
    objective: Objective
    groups: int = 0
    tasks_done: int = 0
    tasks_total: int = 0
    contributions: dict[str, int] = field(default_factory=dict)

    @property
    def percent_done(self) -> int:
        return round(100 * self.tasks_done / self.tasks_total) if self.tasks_total else 0


def rollup() -> list[ObjectiveProgress]:
    """Each objective across the alliance: groups that adopted it, tasks done of all, and what
    other apps count for it. From the cache while nothing it counts has changed
    (`hooks.ROLLUP`); else two queries, plus one per roll-up source, however many groups."""
    return ROLLUP.get_or_build(_count_rollup)


def _count_rollup() -> list[ObjectiveProgress]:
    progress = {
        objective.pk: ObjectiveProgress(objective, groups=objective.adopted_by)
        for objective in Objective.objects.annotate(adopted_by=Count("adoptions")).order_by(
            "number"
        )
    }
    tasks = (
        Task.objects.values("objective_id")
        # Count columns of the (objective, status) index, not id: the index then answers alone.
        .annotate(total=Count("*"), done=Count("status", filter=Q(status=Task.Status.DONE)))
        .order_by()
    )
    for row in tasks:
        if row["objective_id"] in progress:
            progress[row["objective_id"]].tasks_done = row["done"]
            progress[row["objective_id"]].tasks_total = row["total"]
    for source in rollup_sources:
        for objective_id, counts in source(list(progress)).items():
            if objective_id in progress:
                for label, count in counts.items():
                    contributions = progress[objective_id].contributions
                    contributions[label] = contributions.get(label, 0) + count
    return list(progress.values())


def open_tasks_of(user) -> QuerySet[Task]:
    """Tasks of action plans the member owns and has not finished, soonest due first (undated
    last), with their group."""
    if not user.is_authenticated:
        return Task.objects.none()
    return (
        Task.objects.filter(owner=user)
        .exclude(status=Task.Status.DONE)
        .select_related("goal__adoption__group")
        .order_by(F("due_on").asc(nulls_last=True), "id")
    )

"""Starting and changing projects (details, objectives, coordinators); a co-operative's steps."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.aims.hooks import rollup_changed
from groundwork.aims.models import Objective
from groundwork.core.audit import changes, record, values_of
from groundwork.core.errors import ActionError
from groundwork.groups.hooks import group_page_changed
from groundwork.groups.models import Group, Membership
from groundwork.members.models import User
from groundwork.projects.models import COOPERATIVE_STEPS, FormationStep, Project, ProjectCoordinator
from groundwork.projects.rules import forget_coordinations

PROJECT_FIELDS = ["name", "kind", "focus", "summary", "description", "where"]


def _set_coordinators(project: Project, coordinators: list[User]) -> None:
    """Name `coordinators` (members of the group) as the project's coordinators."""
    wanted = {user.pk for user in coordinators}
    members = set(
        Membership.objects.filter(group_id=project.group_id, user_id__in=wanted).values_list(
            "user_id", flat=True
        )
    )
    ProjectCoordinator.objects.filter(project=project).exclude(user_id__in=members).delete()
    existing = set(
        ProjectCoordinator.objects.filter(project=project).values_list("user_id", flat=True)
    )
    ProjectCoordinator.objects.bulk_create(
        ProjectCoordinator(project=project, user_id=user_id) for user_id in members - existing
    )
    for user in coordinators:
        forget_coordinations(user)


def _snapshot(project: Project) -> dict:
    return values_of(project, PROJECT_FIELDS) | {
        "objectives": sorted(project.objectives.values_list("number", flat=True)),
        "coordinators": sorted(
            ProjectCoordinator.objects.filter(project=project).values_list("user_id", flat=True)
        ),
    }


def _check_name_free(group: Group, name: str, project: Project | None = None) -> None:
    others = Project.objects.filter(group=group, name__iexact=name)
    if project:
        others = others.exclude(pk=project.pk)
    if others.exists():
        raise ActionError(
            _("%(group)s already has a project called %(name)s.")
            % {"group": group.name, "name": name},
            field="name",
        )


@transaction.atomic
def check_create_project(
    group: Group,
    *,
    values: dict,
    objectives: Iterable[Objective],
    coordinators: list[User],
    acting_user: User,
) -> Project:
    """Start a project of the group; a co-operative gets the checklist of formation steps."""
    rollup_changed()  # what the alliance's roll-up counts may have changed
    group_page_changed(group.pk)  # the projects that need volunteers
    _check_name_free(group, values["name"])
    project = Project.objects.create(group=group, **values)
    project.objectives.set(objectives)
    _set_coordinators(project, coordinators)
    if project.kind == Project.Kind.COOPERATIVE:
        FormationStep.objects.bulk_create(
            FormationStep(project=project, position=number, title=str(title))
            for number, title in enumerate(COOPERATIVE_STEPS, start=1)
        )
    record(
        actor=acting_user,
        verb="project.created",
        target=project,
        group_id=group.pk,
        new=_snapshot(project),
    )
    return project


@transaction.atomic
def check_update_project(
    project: Project,
    *,
    values: dict,
    objectives: Iterable[Objective],
    coordinators: list[User],
    acting_user: User,
) -> Project:
    """Change a project's details, objectives and coordinators; the audit keeps what changed."""
    rollup_changed()  # what the alliance's roll-up counts may have changed
    group_page_changed(project.group_id)  # the projects that need volunteers
    _check_name_free(project.group, values["name"], project=project)
    old = _snapshot(project)
    for field, value in values.items():
        setattr(project, field, value)
    project.save()
    project.objectives.set(objectives)
    _set_coordinators(project, coordinators)
    if project.kind == Project.Kind.COOPERATIVE and not project.steps.exists():
        FormationStep.objects.bulk_create(
            FormationStep(project=project, position=number, title=str(title))
            for number, title in enumerate(COOPERATIVE_STEPS, start=1)
        )
    old, new = changes(old, _snapshot(project))
    record(
        actor=acting_user,
        verb="project.updated",
        target=project,
        group_id=project.group_id,
        old=old,
        new=new,
    )
    return project


@transaction.atomic
def do_set_step_done(step: FormationStep, *, done: bool, acting_user: User) -> FormationStep:
    """Tick a co-operative's formation step as done, or untick it."""
    if (step.done_at is not None) == done:
        return step
    step.done_at = timezone.now() if done else None
    step.done_by = acting_user if done else None
    step.save(update_fields=["done_at", "done_by"])
    record(
        actor=acting_user,
        verb="formation_step.done" if done else "formation_step.undone",
        target=step,
        group_id=step.project.group_id,
        new={"step": step.title, "done": done},
    )
    return step

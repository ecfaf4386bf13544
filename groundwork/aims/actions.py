"""Every change to the platform, its adoption by members, and groups' action plans."""

from datetime import date

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.aims.hooks import platform_edited, rollup_changed
from groundwork.aims.models import (
    Aim,
    Goal,
    Objective,
    ObjectiveAdoption,
    PlatformAdoption,
    Revision,
    Task,
)
from groundwork.aims.queries import platform_version
from groundwork.core.audit import changes, record, values_of
from groundwork.core.errors import ActionError
from groundwork.groups.hooks import every_group_page_changed, group_page_changed
from groundwork.groups.models import Group, Membership
from groundwork.members.hooks import landing_changed, member_home_changed
from groundwork.members.models import User
from groundwork.notifications.actions import do_mark_done, do_notify
from groundwork.notifications.models import NotificationKind

PLANK_FIELDS = ["title", "text", "points"]


@transaction.atomic
def do_edit_plank(
    plank: Aim | Objective, *, values: dict, note: str = "", acting_user: User
) -> Revision | None:
    """Save a new version of an aim or objective; the previous one stays in the history.

    Saving the same text again changes nothing and makes no version.
    """
    rollup_changed()  # what the alliance's roll-up counts may have changed
    landing_changed()  # the aims on the first page
    plank = type(plank).objects.select_for_update().get(pk=plank.pk)
    old = values_of(plank, PLANK_FIELDS)
    new = {name: values[name] for name in PLANK_FIELDS}
    if old == new:
        return None
    if isinstance(plank, Objective):
        every_group_page_changed()  # its title by the targets in the action plans
    # The lock on the platform's newest revision makes concurrent edits number one after another.
    latest = Revision.objects.select_for_update().order_by("-platform_version").first()
    platform_version = (latest.platform_version if latest else 0) + 1
    for name, value in new.items():
        setattr(plank, name, value)
    plank.version += 1
    plank.save()
    owner = {"aim": plank} if isinstance(plank, Aim) else {"objective": plank}
    revision = Revision.objects.create(
        **owner,
        version=plank.version,
        platform_version=platform_version,
        note=note,
        edited_by=acting_user,
        **new,
    )
    platform_edited.send(sender=type(plank), plank=plank)
    old, new = changes(old, new)
    record(
        actor=acting_user,
        verb=f"{plank._meta.model_name}.edited",
        target=plank,
        old=old,
        new=new | {"version": plank.version},
    )
    return revision


# The key of the prompt to adopt the platform, followed by the version it asks about.
ADOPTION_PROMPT_KEY = "platform-adoption-v"


@transaction.atomic
def do_adopt_platform(user: User, *, acting_user: User) -> PlatformAdoption:
    """Record that the member adopts the platform as it now stands (once per version while active).

    Adopting again after the platform changed replaces the adoption of the older version, whose
    record keeps when it ended.
    """
    version = platform_version()
    existing = (
        PlatformAdoption.objects.select_for_update().filter(user=user, withdrawn_at=None).first()
    )
    # Adopting is what the prompts asked for, whichever version they named. Marking them done
    # also draws the member's home page afresh, without the prompt to adopt.
    do_mark_done(user, key_prefix=ADOPTION_PROMPT_KEY, acting_user=acting_user)
    if existing and existing.version >= version:
        return existing
    if existing:
        existing.withdrawn_at = timezone.now()
        existing.save(update_fields=["withdrawn_at"])
    try:
        with transaction.atomic():
            adoption = PlatformAdoption.objects.create(user=user, version=version)
    except IntegrityError:  # a second click that raced the first
        return PlatformAdoption.objects.get(user=user, withdrawn_at=None)
    record(
        actor=acting_user,
        verb="platform.adopted",
        target=adoption,
        old={"version": existing.version} if existing else None,
        new={"version": adoption.version},
    )
    return adoption


@transaction.atomic
def do_prompt_to_adopt_platform(user: User, *, acting_user: User | None) -> bool:
    """Ask the member in the app to adopt the platform, unless they adopted its current version.

    Once per person and platform version (the notification's key), however many groups they join;
    True if a prompt was due. No audit entry of its own: what calls for it (a membership) is
    audited, and a prompt changes nothing the member decided.
    """
    version = platform_version()
    adoption = PlatformAdoption.objects.filter(user=user, withdrawn_at=None).first()
    if adoption and adoption.version >= version:
        return False
    if adoption:
        text = _(
            "The alliance's platform has changed since you adopted it: read version %(version)s "
            "and adopt it again."
        ) % {"version": version}
    else:
        text = _("Welcome to the alliance: read the platform every group shares, and adopt it.")
    url = reverse("aims:platform") + "#adopt-heading"
    user_id = user.pk
    transaction.on_commit(
        lambda: do_notify(
            [user_id],
            kind=NotificationKind.ALLIANCE,
            key=f"{ADOPTION_PROMPT_KEY}{version}",
            text=text,
            url=url,
        )
    )
    return True


@transaction.atomic
def do_withdraw_platform_adoption(user: User, *, acting_user: User) -> None:
    """Withdraw the member's adoption of the platform, keeping the record of when."""
    adoption = PlatformAdoption.objects.filter(user=user, withdrawn_at=None).first()
    if adoption is None:
        return
    adoption.withdrawn_at = timezone.now()
    adoption.save(update_fields=["withdrawn_at"])
    member_home_changed(user.pk)  # the prompt to adopt it, on their home page
    record(actor=acting_user, verb="platform.withdrawn", target=adoption)


@transaction.atomic
def do_adopt_objective(
    group: Group, *, objective: Objective, note: str = "", acting_user: User
) -> ObjectiveAdoption:
    """Take an objective into the group's action plan (once: adopting again finds the first)."""
    rollup_changed()  # what the alliance's roll-up counts may have changed
    try:
        with transaction.atomic():
            adoption = ObjectiveAdoption.objects.create(
                group=group, objective=objective, note=note, adopted_by=acting_user
            )
    except IntegrityError:
        return ObjectiveAdoption.objects.get(group=group, objective=objective)
    group_page_changed(group.pk)  # its action plan's progress
    record(
        actor=acting_user,
        verb="objective.adopted",
        target=adoption,
        group_id=group.pk,
        new={"objective": objective.number, "note": note},
    )
    return adoption


@transaction.atomic
def do_add_goal(
    adoption: ObjectiveAdoption, *, title: str, description: str = "", acting_user: User
) -> Goal:
    """Add a goal under an objective of the group's plan."""
    goal = Goal.objects.create(adoption=adoption, title=title, description=description)
    record(
        actor=acting_user,
        verb="goal.added",
        target=goal,
        group_id=adoption.group_id,
        new={"title": title, "objective": adoption.objective_id},
    )
    return goal


@transaction.atomic
def check_add_task(
    goal: Goal, *, title: str, owner: User | None, due_on: date | None, acting_user: User
) -> Task:
    """Add a task to a goal; its owner must be a member of the group."""
    rollup_changed()  # what the alliance's roll-up counts may have changed
    group_id = goal.adoption.group_id
    if owner and not Membership.objects.filter(group_id=group_id, user=owner).exists():
        raise ActionError(
            _("%(name)s is not a member of the group.") % {"name": owner.name}, field="owner"
        )
    task = Task.objects.create(
        goal=goal, objective_id=goal.adoption.objective_id, title=title, owner=owner, due_on=due_on
    )
    group_page_changed(group_id)  # its action plan's progress
    record(
        actor=acting_user,
        verb="task.added",
        target=task,
        group_id=group_id,
        new={
            "title": title,
            "owner": owner.pk if owner else None,
            "due_on": due_on.isoformat() if due_on else None,
        },
    )
    return task


@transaction.atomic
def check_set_task_status(task: Task, *, status: str, acting_user: User) -> Task:
    """Move a task to `status` (to do, doing, done); the same status again changes nothing."""
    rollup_changed()  # what the alliance's roll-up counts may have changed
    if status not in Task.Status.values:
        raise ActionError(_("Choose to do, doing or done."), field="status")
    if task.status == status:
        return task
    old = task.status
    task.status = status
    task.completed_at = timezone.now() if status == Task.Status.DONE else None
    task.save(update_fields=["status", "completed_at"])
    group_page_changed(task.goal.adoption.group_id)  # its action plan's progress
    record(
        actor=acting_user,
        verb="task.status_changed",
        target=task,
        group_id=task.goal.adoption.group_id,
        old={"status": old},
        new={"status": status},
    )
    return task


@transaction.atomic
def do_edit_goal(goal: Goal, *, title: str, description: str = "", acting_user: User) -> Goal:
    """Change a goal's title and description; the audit entry keeps only what changed."""
    old, new = changes(
        values_of(goal, ["title", "description"]), {"title": title, "description": description}
    )
    if not new:
        return goal
    goal.title, goal.description = title, description
    goal.save(update_fields=list(new))
    record(
        actor=acting_user,
        verb="goal.edited",
        target=goal,
        group_id=goal.adoption.group_id,
        old=old,
        new=new,
    )
    return goal


def _task_values(task: Task) -> dict:
    return {
        "title": task.title,
        "owner": task.owner_id,
        "due_on": task.due_on.isoformat() if task.due_on else None,
        "status": task.status,
    }


@transaction.atomic
def check_edit_task(
    task: Task,
    *,
    title: str,
    owner: User | None,
    due_on: date | None,
    status: str,
    acting_user: User,
) -> Task:
    """Change a task's title, owner (a member of the group), due date and status; the audit
    entry keeps only what changed."""
    rollup_changed()  # what the alliance's roll-up counts may have changed
    group_id = task.goal.adoption.group_id
    if owner and owner.pk != task.owner_id:
        if not Membership.objects.filter(group_id=group_id, user=owner).exists():
            raise ActionError(
                _("%(name)s is not a member of the group.") % {"name": owner.name}, field="owner"
            )
    if status not in Task.Status.values:
        raise ActionError(_("Choose to do, doing or done."), field="status")
    old = _task_values(task)
    if status != task.status:
        task.completed_at = timezone.now() if status == Task.Status.DONE else None
    task.title, task.owner, task.due_on, task.status = title, owner, due_on, status
    old, new = changes(old, _task_values(task))
    if not new:
        return task
    task.save(update_fields=["title", "owner", "due_on", "status", "completed_at"])
    member_home_changed(old.get("owner"), task.owner_id)  # their tasks, on their home pages
    if "status" in new:
        group_page_changed(group_id)  # its action plan's progress
    record(
        actor=acting_user,
        verb="task.edited",
        target=task,
        group_id=group_id,
        old=old,
        new=new,
    )
    return task


@transaction.atomic
def do_delete_task(task: Task, *, acting_user: User) -> None:
    """Remove a task from the plan; the audit entry keeps what it was."""
    rollup_changed()  # what the alliance's roll-up counts may have changed
    record(
        actor=acting_user,
        verb="task.deleted",
        target=task,
        group_id=task.goal.adoption.group_id,
        old=_task_values(task) | {"goal": task.goal_id},
    )
    group_page_changed(task.goal.adoption.group_id)  # its action plan's progress
    task.delete()

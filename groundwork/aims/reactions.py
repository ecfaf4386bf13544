"""How the aims app connects to hooks of the apps to its left: the home page, a group's page,
new members."""

from django.dispatch import receiver

from groundwork.aims import actions, queries
from groundwork.aims.models import PlatformAdoption, Task
from groundwork.groups.hooks import add_group_section, member_joined
from groundwork.members.hooks import (
    add_home_section,
    add_landing_section,
    add_personal_data_exporter,
    member_erased,
)

# The home page shows at most this many of a member's tasks; the group's plan has them all.
HOME_TASKS = 10
# What aims/_home_tasks.html shows of a task and its group: only these columns are read.
HOME_TASK_COLUMNS = (
    "title",
    "status",
    "due_on",
    "goal__adoption__group__name",
    "goal__adoption__group__slug",
)


@add_landing_section(order=10)
def the_aims(request):
    """The alliance's aims, a line each (one query)."""
    return "aims/_landing_aims.html", {"aims": list(queries.aims().only("number", "title"))}


@add_home_section(order=60)
def your_tasks(request):
    """Tasks of their groups' action plans the member owns and has not finished (one query)."""
    tasks = queries.open_tasks_of(request.user).only(*HOME_TASK_COLUMNS)
    return "aims/_home_tasks.html", {"tasks": list(tasks[:HOME_TASKS])}


@add_home_section(order=70)
def adopt_the_platform(request):
    """A prompt to read and adopt the platform, until the member has."""
    if queries.adoption_of(request.user):
        return None
    return "aims/_home_platform.html", {}


@receiver(member_joined, dispatch_uid="aims_prompt_to_adopt_platform")
def prompt_new_member_to_adopt_platform(sender, membership, acting_user, **kwargs) -> None:
    """Someone joined a group: ask them to adopt the platform if they have not (its version)."""
    actions.do_prompt_to_adopt_platform(membership.user, acting_user=acting_user)


@add_group_section(order=60)
def group_plan_progress(request, group):
    """How far the group's action plan has got: objectives adopted, tasks done of all (one query,
    for those who may see the plan)."""
    if not request.user.has_perm("aims.view_actionplan", group):
        return None
    progress = queries.plan_progress_of(group)
    if not progress["objectives"]:
        return None
    return "aims/_group_plan.html", {"group": group, "progress": progress}


# --- Data rights (members' hooks) -------------------------------------------------------------


@add_personal_data_exporter
def aims_personal_data(user) -> dict[str, list[dict]]:
    """The member's adoptions of the platform and the action-plan tasks they own."""
    return {
        "platform_adoptions": [
            {
                "version": adoption.version,
                "adopted_at": adoption.adopted_at.isoformat(),
                "withdrawn_at": adoption.withdrawn_at.isoformat()
                if adoption.withdrawn_at
                else None,
            }
            for adoption in PlatformAdoption.objects.filter(user=user)
        ],
        "action_plan_tasks": [
            {
                "task": task.title,
                "status": task.get_status_display(),
                "due_on": task.due_on.isoformat() if task.due_on else None,
            }
            for task in Task.objects.filter(owner=user)
        ],
    }


@receiver(member_erased, dispatch_uid="aims_member_erased")
def forget_erased_member(sender, user, **kwargs) -> None:
    """An erased member's adoption of the platform goes; tasks they owned and had not finished
    wait for a new owner (finished ones stay done, by "a former member")."""
    PlatformAdoption.objects.filter(user=user).delete()
    Task.objects.filter(owner=user).exclude(status=Task.Status.DONE).update(owner=None)

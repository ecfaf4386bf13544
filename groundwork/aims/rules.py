"""Who may read and change the platform and a group's action plan (django-rules).

The platform is public; coordinators (two-factor) edit it. A group's action plan is the group's
own: its members read it, its organisers (two-factor) shape it, and a task's owner moves their
task along. The roll-up across the alliance is for members of any group and coordinators.
"""

import rules

from groundwork.aims.models import Task
from groundwork.groups.rules import (
    coordinates_alliance,
    is_group_member,
    is_in_the_alliance,
    organises_group,
    organises_scope,
    roles_of,
)


@rules.predicate
def owns_task(user, task: Task) -> bool:
    return (
        user.is_authenticated
        and task.owner_id == user.pk
        and task.goal.adoption.group_id in roles_of(user)
    )


@rules.predicate
def organises_task_group(user, task: Task) -> bool:
    return organises_scope(user, task.goal.adoption.group_id)


is_signed_in = rules.is_authenticated

rules.add_perm("aims.view_platform", rules.always_allow)
rules.add_perm("aims.change_platform", coordinates_alliance)
rules.add_perm("aims.adopt_platform", is_signed_in)
rules.add_perm("aims.view_rollup", is_in_the_alliance)
rules.add_perm("aims.view_actionplan", is_group_member)
rules.add_perm("aims.change_actionplan", organises_group)
rules.add_perm("aims.change_task", organises_task_group | owns_task)

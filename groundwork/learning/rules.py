"""Who may follow a course, and who builds it (django-rules). Each rule that limits a list has its
twin in queries.py: `learning.open_course` has `courses_visible_to`, `learning.build_course` has
`courses_built_by`.

A course is kept by those who keep its owner: the alliance's own courses by its coordinators, a
group's courses by that group's organisers, with two-factor authentication either way."""

import rules

from groundwork.groups.models import Group
from groundwork.groups.rules import is_in_the_alliance, organises_scope, roles_of
from groundwork.learning.models import Course


@rules.predicate
def can_see_course(user, course: Course | None) -> bool:
    if course is None:  # the admin asks about the model as a whole: that is not this rule
        return False
    if course.scope == Course.Scope.PUBLIC:
        return True
    if not user.is_authenticated:
        return False
    if course.scope == Course.Scope.ALLIANCE:
        return is_in_the_alliance(user)
    return course.group_id in roles_of(user)


def keeps_courses_of(user, group_id: int | None) -> bool:
    """Organiser of the group (a coordinator, for the alliance's own courses), with two-factor."""
    return organises_scope(user, group_id)


@rules.predicate
def makes_courses_for(user, group: Group | None) -> bool:
    """`group` is the group whose course would be made; None for one of the alliance's own."""
    return keeps_courses_of(user, group.pk if group is not None else None)


@rules.predicate
def builds_course(user, course: Course | None) -> bool:
    if course is None:  # the admin asks about the model as a whole: that is not this rule
        return False
    return keeps_courses_of(user, course.group_id)


rules.add_perm("learning.open_course", can_see_course)
# Names of their own, not the admin's `add_course` and `change_course`: the admin keeps its own.
rules.add_perm("learning.make_course", makes_courses_for)
rules.add_perm("learning.build_course", builds_course)
rules.add_perm("learning.complete_step", rules.is_authenticated & can_see_course)

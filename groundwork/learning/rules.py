"""Who may follow a course, and who builds the alliance's own (django-rules). The list-limiting
rule has its twin in queries.py; `learning.build_course` has `get_course_to_build`."""

import rules

from groundwork.groups.rules import has_two_factor, is_coordinator, roles_of
from groundwork.learning.models import Course
from groundwork.resources.rules import is_in_the_alliance


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


@rules.predicate
def is_alliance_course(user, course: Course | None) -> bool:
    """One of the alliance's own courses (no group), or a course not made yet."""
    return course is None or course.group_id is None


rules.add_perm("learning.open_course", can_see_course)
# A name of its own, not the admin's `change_course`: the admin keeps its own permissions.
rules.add_perm("learning.build_course", is_coordinator & has_two_factor & is_alliance_course)
rules.add_perm("learning.complete_step", rules.is_authenticated & can_see_course)

"""Who may follow a course (django-rules). The list-limiting rule has its twin in queries.py."""

import rules

from groundwork.groups.rules import roles_of
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


rules.add_perm("learning.open_course", can_see_course)
rules.add_perm("learning.complete_step", rules.is_authenticated & can_see_course)

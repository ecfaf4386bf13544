"""learning: the courses each person may follow, and those they build, agree with their rules."""

import pytest

from groundwork.learning import queries
from groundwork.learning.models import Course
from groundwork.learning.tests.factories import make_course
from tests.rules_and_queries.conftest import (
    COORDINATORS,
    IN_A_GROUP,
    MEMBERS,
    ORGANISING,
    PEOPLE,
    as_asked,
)

pytestmark = pytest.mark.django_db

# Who follows a course, by hand: a public one, everyone; one for the alliance, members of any
# group and the coordinators (two-factor or not); a group's own, its members.
FOLLOWS = {"public": set(PEOPLE), "alliance": IN_A_GROUP | COORDINATORS} | {
    f"group {slug}": members for slug, members in MEMBERS.items()
}


@pytest.fixture
def courses(people, riverside, hillside):
    """A public and an alliance course kept by each owner, and each group's members-only one."""
    found = {}
    for owner, group in (("riverside", riverside), ("hillside", hillside), ("alliance", None)):
        scopes = ["public", "alliance"] + ([] if group is None else ["group"])
        for scope in scopes:
            course = make_course(title=f"{owner} {scope}", scope=scope, group=group)
            found[owner, scope] = course
    return found


def follows(who: str, owner: str, scope: str) -> bool:
    return who in FOLLOWS[f"group {owner}" if scope == "group" else scope]


def test_courses_visible_to_agrees_with_open_course(people, courses, riverside):
    for who in PEOPLE:
        user = as_asked(people[who])
        by_rule = {
            course for course in courses.values() if user.has_perm("learning.open_course", course)
        }
        expected = {
            course for (owner, scope), course in courses.items() if follows(who, owner, scope)
        }
        assert set(queries.courses_visible_to(user)) == by_rule == expected, who
        of_riverside = {course for course in expected if course.group_id == riverside.pk}
        assert set(queries.courses_visible_to(user, riverside)) == of_riverside, who


def test_courses_built_by_agrees_with_build_course(people, courses):
    """A course is built by those who keep its owner, with two-factor: the group's organisers,
    the alliance's coordinators; whatever the course's scope."""
    assert Course.objects.count() == len(courses) == 8
    for who in PEOPLE:
        user = as_asked(people[who])
        by_rule = {
            course for course in courses.values() if user.has_perm("learning.build_course", course)
        }
        expected = {course for (owner, _), course in courses.items() if who in ORGANISING[owner]}
        assert set(queries.courses_built_by(user)) == by_rule == expected, who

"""The demo has the alliance's courses and one a group's organiser keeps for its members."""

import pytest

from groundwork.groups.demo import load_demo
from groundwork.learning.models import Course
from groundwork.members.models import User


@pytest.mark.django_db
def test_the_demo_has_a_riverside_course_that_alice_builds_and_hillside_cannot_open():
    load_demo()
    course = Course.objects.get(slug="organising-tenants-on-your-estate")
    assert course.group.name == "Riverside Action Group" and course.steps.count() == 2
    alice, farid = (User.objects.get(email=f"{name}@example.org") for name in ("alice", "farid"))
    assert alice.has_perm("learning.build_course", course)
    assert not farid.has_perm("learning.build_course", course)
    assert not farid.has_perm("learning.open_course", course)
    assert Course.objects.filter(group=None).count() == 1

"""The navigation's facts about the signed-in member (groups' context processor): roles and the
bell's unread count come from one query, and stay true within a request that changes them."""

import pytest

from groundwork.groups.rules import roles_of
from groundwork.notifications.actions import do_mark_all_read
from groundwork.notifications.context_processors import bell_count
from groundwork.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_a_count_read_with_the_roles_is_dropped_when_the_same_request_marks_them_read(bob, rf):
    """The count rides on the roles query at the start of a request; a view that then marks the
    member's notifications read must not leave the old count for the bell."""
    Notification.objects.bulk_create(
        Notification(user=bob, key=f"test-{number}", text="Thing", read_at=None)
        for number in range(4)
    )
    request = rf.get("/")
    request.user = bob
    roles_of(bob)  # as the page's access check does
    do_mark_all_read(bob, acting_user=bob)
    assert bell_count(request) == 0

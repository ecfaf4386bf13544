"""Who answers permission questions: rules for members, model permissions for staff too."""

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from groundwork.members.models import User

pytestmark = pytest.mark.django_db


def fresh(user: User) -> User:
    """The user as a new request loads them, with no permissions cached on the object."""
    return User.objects.get(pk=user.pk)


def test_a_rule_that_says_no_to_a_member_costs_no_query(bob):
    bob = fresh(bob)
    with CaptureQueriesContext(connection) as asked:
        assert not bob.has_perm("events.add_alliance_event")
    # The rule asks whether bob is a coordinator; nothing asks for model permissions.
    assert len(asked) == 1 and "groups_coordinator" in asked[0]["sql"]


def test_a_rule_still_says_yes_to_a_member(bob, riverside):
    assert fresh(bob).has_perm("groups.leave_group", riverside)


def test_a_model_permission_given_to_a_member_opens_nothing(bob):
    # Model permissions are the admin's; a member (not staff) never reaches the admin.
    bob.user_permissions.add(
        Permission.objects.get(content_type__app_label="groups", codename="view_group")
    )
    assert not fresh(bob).has_perm("groups.view_group")


def test_a_coordinator_keeps_the_admins_model_permissions(admin):
    coordinator = fresh(admin)
    assert coordinator.is_staff
    assert coordinator.has_perm("groups.view_group")
    assert coordinator.has_perm("core.view_auditentry")
    assert not coordinator.has_perm("groups.delete_group")


def test_signed_out_visitors_are_answered_by_the_rules():
    visitor = AnonymousUser()
    assert visitor.has_perm("groups.see_group")
    assert not visitor.has_perm("groups.create_group")

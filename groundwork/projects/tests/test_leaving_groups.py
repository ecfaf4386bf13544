"""Leaving a group (or being removed) gives up the member's places on its rotas still to come."""

from datetime import timedelta

import pytest
from django.utils import timezone

from groundwork.groups import actions as group_actions
from groundwork.groups.models import Membership
from groundwork.groups.tests.factories import join
from groundwork.projects import actions
from groundwork.projects.models import Shift, ShiftSignup
from groundwork.projects.tests.factories import add_shift, sign_up, start_project

pytestmark = pytest.mark.django_db


def test_bob_leaving_riverside_frees_his_places_on_its_upcoming_shifts(riverside, alice, bob):
    project = start_project(riverside, alice)
    shifts = [add_shift(project, alice, places=1, days=days) for days in (2, 9)]
    for shift in shifts:
        sign_up(shift, bob)
    group_actions.check_leave_group(riverside, acting_user=bob)
    assert not ShiftSignup.objects.filter(user=bob).exists()
    assert [shift.signup_count for shift in Shift.objects.order_by("pk")] == [0, 0]
    sign_up(shifts[0], alice)  # the place is free for someone else at once


def test_removing_bob_keeps_the_record_of_shifts_already_over(riverside, alice, bob):
    project = start_project(riverside, alice)
    shift = add_shift(project, alice)
    sign_up(shift, bob)
    Shift.objects.filter(pk=shift.pk).update(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=1)
    )
    membership = Membership.objects.get(group=riverside, user=bob)
    group_actions.check_remove_member(membership, acting_user=alice)
    assert ShiftSignup.objects.filter(shift=shift, user=bob).exists()


def test_leaving_riverside_keeps_bobs_places_on_hillside_rotas(riverside, hillside, alice, bob):
    hillside_shift = actions.do_add_shift(
        start_project(hillside, alice, name="Hillside pantry"),
        title="Sorting",
        starts_at=timezone.now() + timedelta(days=1),
        ends_at=timezone.now() + timedelta(days=1, hours=2),
        places=2,
        acting_user=alice,
    )
    join(hillside, bob)
    sign_up(hillside_shift, bob)
    group_actions.check_leave_group(riverside, acting_user=bob)
    assert ShiftSignup.objects.filter(shift=hillside_shift, user=bob).exists()

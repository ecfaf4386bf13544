"""The volunteer rota: places, one sign-up per member per shift, capacity, reminders."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from groundwork.core.errors import ActionError
from groundwork.core.models import AuditEntry
from groundwork.groups.tests.factories import UserFactory, join
from groundwork.notifications.models import Notification
from groundwork.projects import actions
from groundwork.projects.models import Shift, ShiftSignup
from groundwork.projects.tasks import remind_shift_volunteers
from groundwork.projects.tests.factories import add_shift, sign_up, start_project

pytestmark = pytest.mark.django_db


def test_bob_signs_up_once_however_often_he_asks(riverside, alice, bob):
    shift = add_shift(start_project(riverside, alice), alice)
    assert sign_up(shift, bob).pk == sign_up(shift, bob).pk
    shift.refresh_from_db()
    assert shift.signup_count == 1
    assert AuditEntry.objects.filter(verb="shift.signed_up").count() == 1


def test_the_database_refuses_a_second_signup_for_the_same_member(riverside, alice, bob):
    shift = add_shift(start_project(riverside, alice), alice)
    ShiftSignup.objects.create(shift=shift, user=bob)
    with pytest.raises(IntegrityError), transaction.atomic():
        ShiftSignup.objects.create(shift=shift, user=bob)


def test_the_database_refuses_more_signups_than_places(riverside, alice):
    shift = add_shift(start_project(riverside, alice), alice, places=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Shift.objects.filter(pk=shift.pk).update(signup_count=2)


def test_a_full_shift_refuses_the_next_member(riverside, alice, bob):
    shift = add_shift(start_project(riverside, alice), alice, places=1)
    sign_up(shift, alice)
    with pytest.raises(ActionError, match="full"):
        sign_up(shift, bob)
    shift.refresh_from_db()
    assert shift.signup_count == 1 and shift.signups.count() == 1


def test_giving_up_a_place_frees_it(riverside, alice, bob):
    shift = add_shift(start_project(riverside, alice), alice, places=1)
    sign_up(shift, bob)
    assert actions.do_cancel_signup(shift, acting_user=bob)
    assert not actions.do_cancel_signup(shift, acting_user=bob)
    sign_up(shift, alice)
    shift.refresh_from_db()
    assert shift.signup_count == 1


def test_a_past_shift_takes_no_one(riverside, alice, bob):
    shift = add_shift(start_project(riverside, alice), alice)
    Shift.objects.filter(pk=shift.pk).update(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1)
    )
    shift.refresh_from_db()
    with pytest.raises(ActionError, match="over"):
        sign_up(shift, bob)


@pytest.mark.parametrize(("who", "status"), [("bob", 302), ("carol", 404), ("dan", 404)])
def test_only_members_of_the_group_sign_up(riverside, alice, who, status, request):
    shift = add_shift(start_project(riverside, alice), alice)
    user = request.getfixturevalue(who)
    response = client_for(user).post(reverse("projects:shift_sign_up", kwargs={"pk": shift.pk}))
    assert response.status_code == status
    assert shift.signups.filter(user=user).exists() == (status == 302)


def test_volunteers_are_reminded_once_the_day_before(riverside, alice, bob, run_jobs):
    shift = add_shift(start_project(riverside, alice), alice, days=1)
    Shift.objects.filter(pk=shift.pk).update(starts_at=timezone.now() + timedelta(hours=20))
    sign_up(shift, bob)
    assert remind_shift_volunteers.call(shift.pk) == 1
    assert remind_shift_volunteers.call(shift.pk) == 0  # a retried job tells nobody twice
    reminder = Notification.objects.get(key__startswith=f"shift-{shift.pk}-reminder")
    assert reminder.user == bob and "Saturday kitchen" in reminder.text


def test_an_early_reminder_waits_for_the_day_before(riverside, alice, bob):
    shift = add_shift(start_project(riverside, alice), alice, days=5)
    sign_up(shift, bob)
    assert remind_shift_volunteers.call(shift.pk) == 0
    assert not Notification.objects.filter(key__startswith=f"shift-{shift.pk}-reminder").exists()


def test_adding_a_shift_schedules_its_reminder(
    riverside, alice, bob, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    project = start_project(riverside, alice)
    with django_capture_on_commit_callbacks(execute=True):
        add_shift(project, alice, days=4)
    job = DBTaskResult.objects.get(task_path__endswith="remind_shift_volunteers")
    assert job.run_after > timezone.now() + timedelta(days=2)


def test_many_members_fill_a_shift_exactly(riverside, alice):
    shift = add_shift(start_project(riverside, alice), alice, places=3)
    people = [UserFactory() for _ in range(5)]
    taken = 0
    for person in people:
        join(riverside, person)
        try:
            sign_up(shift, person)
            taken += 1
        except ActionError:
            pass
    shift.refresh_from_db()
    assert taken == 3 and shift.signup_count == 3 and shift.signups.count() == 3

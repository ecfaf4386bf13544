"""Answering events: places, the waiting list and its promotion, cancelling, check-in, audit."""

import pytest

from groundwork.core.errors import ActionError
from groundwork.core.models import AuditEntry
from groundwork.events import actions
from groundwork.events.models import Event, Rsvp
from groundwork.events.tests.factories import (
    fill_up,
    going,
    move_into_the_past,
    not_going,
    plan_event,
)
from groundwork.notifications.models import Notification

pytestmark = pytest.mark.django_db


def statuses(event):
    return list(
        Rsvp.objects.filter(event=event)
        .order_by("queued_at", "id")
        .values_list("user__email", "status")
    )


def test_bob_gets_a_place_and_answering_twice_changes_nothing(riverside, alice, bob):
    event = plan_event(riverside, alice, capacity=10)
    first = going(event, bob)
    again = going(event, bob)
    assert first.pk == again.pk and again.status == Rsvp.Status.CONFIRMED
    event.refresh_from_db()
    assert (event.confirmed_count, event.waitlist_count) == (1, 0)
    assert AuditEntry.objects.filter(verb="rsvp.made", target_id=str(first.pk)).count() == 1


def test_beyond_capacity_people_wait_and_are_promoted_in_the_order_they_answered(
    riverside, alice, bob, carol, dan, django_capture_on_commit_callbacks
):
    event = plan_event(riverside, alice, capacity=1)
    going(event, bob)
    assert going(event, dan).status == Rsvp.Status.WAITLISTED
    assert going(event, carol).status == Rsvp.Status.WAITLISTED
    event.refresh_from_db()
    assert (event.confirmed_count, event.waitlist_count) == (1, 2)
    with django_capture_on_commit_callbacks(execute=True):
        not_going(event, bob)
    assert statuses(event) == [
        ("bob@example.org", "cancelled"),
        ("dan@example.org", "confirmed"),
        ("carol@example.org", "waitlisted"),
    ]
    told = Notification.objects.get(key=f"event-{event.pk}-promoted")
    assert told.user == dan and "A place came free" in told.text
    event.refresh_from_db()
    assert (event.confirmed_count, event.waitlist_count) == (1, 1)


def test_leaving_the_waiting_list_promotes_nobody(riverside, alice, bob, carol, dan):
    event = plan_event(riverside, alice, capacity=1)
    going(event, bob)
    going(event, carol)
    going(event, dan)
    not_going(event, carol)
    assert dict(statuses(event)) == {
        "bob@example.org": "confirmed",
        "carol@example.org": "cancelled",
        "dan@example.org": "waitlisted",
    }


def test_answering_again_after_cancelling_goes_to_the_back_of_the_queue(
    riverside, alice, bob, carol, dan
):
    event = plan_event(riverside, alice, capacity=1)
    going(event, bob)
    going(event, carol)
    not_going(event, bob)  # carol promoted
    assert going(event, bob).status == Rsvp.Status.WAITLISTED
    going(event, dan)
    not_going(event, carol)
    assert Rsvp.objects.get(event=event, user=bob).status == Rsvp.Status.CONFIRMED
    assert Rsvp.objects.get(event=event, user=dan).status == Rsvp.Status.WAITLISTED
    assert Rsvp.objects.filter(event=event, user=bob).count() == 1


def test_raising_the_capacity_lets_the_waiting_list_in(riverside, alice, bob):
    event = plan_event(riverside, alice, capacity=2)
    people = fill_up(event, 5)
    values = {name: getattr(event, name) for name in actions.EVENT_FIELDS} | {"capacity": 4}
    actions.do_update_event(event, values=values, stewards=[], acting_user=alice)
    confirmed = Rsvp.objects.filter(event=event, status="confirmed").values_list("user", flat=True)
    assert set(confirmed) == {person.pk for person in people[:4]}
    event.refresh_from_db()
    assert (event.confirmed_count, event.waitlist_count) == (4, 1)


def test_nobody_answers_a_cancelled_or_finished_event(riverside, alice, bob, carol):
    event = plan_event(riverside, alice)
    actions.check_cancel_event(event, reason="Storm warning", acting_user=alice)
    with pytest.raises(ActionError, match="cancelled"):
        going(event, bob)
    past = move_into_the_past(plan_event(riverside, alice), days_ago=1)
    with pytest.raises(ActionError, match="over"):
        going(past, carol)


def test_cancelling_the_event_tells_everyone_going_or_waiting_once(
    riverside, alice, bob, carol, dan, django_capture_on_commit_callbacks, mailoutbox, run_jobs
):
    event = plan_event(riverside, alice, capacity=1, title="March for homes")
    going(event, bob)
    going(event, carol)
    with django_capture_on_commit_callbacks(execute=True):
        actions.check_cancel_event(event, reason="The council gave in!", acting_user=alice)
    told = Notification.objects.filter(key=f"event-{event.pk}-cancelled")
    assert sorted(told.values_list("user__email", flat=True)) == [bob.email, carol.email]
    first = told.first()
    assert first is not None and "The council gave in!" in first.text
    run_jobs()
    assert sorted(message.to[0] for message in mailoutbox) == [bob.email, carol.email]
    with pytest.raises(ActionError):
        actions.check_cancel_event(event, reason="", acting_user=alice)
    assert Event.objects.get(pk=event.pk).status == Event.Status.CANCELLED
    assert AuditEntry.objects.filter(verb="event.cancelled", target_id=str(event.pk)).count() == 1


def test_organisers_check_people_in_and_can_undo_it(riverside, alice, bob):
    event = plan_event(riverside, alice)
    rsvp = going(event, bob)
    assert actions.check_check_in(rsvp, present=True, acting_user=alice).checked_in_at
    assert actions.check_check_in(rsvp, present=False, acting_user=alice).checked_in_at is None
    not_going(event, bob)
    with pytest.raises(ActionError, match="not coming"):
        actions.check_check_in(rsvp, present=True, acting_user=alice)
    verbs = AuditEntry.objects.filter(target_id=str(rsvp.pk)).values_list("verb", flat=True)
    assert {"rsvp.checked_in", "rsvp.check_in_undone", "rsvp.cancelled"} <= set(verbs)


def test_the_database_refuses_a_second_rsvp_for_the_same_member(riverside, alice, bob):
    from django.db import IntegrityError, transaction
    from django.utils import timezone

    event = plan_event(riverside, alice)
    going(event, bob)
    with pytest.raises(IntegrityError), transaction.atomic():
        Rsvp.objects.create(event=event, user=bob, status="confirmed", queued_at=timezone.now())

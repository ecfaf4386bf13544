"""The jobs around an event: reminders the day before (once), and RSVPs anonymised after the
retention period (idempotent, rescheduled if the event moved)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from groundwork.core.models import AuditEntry
from groundwork.events import actions
from groundwork.events.models import Event, Rsvp
from groundwork.events.tasks import anonymise_event_rsvps, remind_event_attendees
from groundwork.events.tests.factories import going, move_into_the_past, not_going, plan_event
from groundwork.notifications.models import Notification

pytestmark = pytest.mark.django_db


def jobs(name: str):
    return DBTaskResult.objects.filter(task_path__endswith=name)


def make_due(name: str) -> None:
    jobs(name).update(run_after=timezone.now() - timedelta(seconds=1))


def test_the_reminder_waits_for_the_day_before_then_tells_those_going_once(
    riverside, alice, bob, carol, dan, django_capture_on_commit_callbacks, run_jobs, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        event = plan_event(
            riverside,
            alice,
            kind="protest",
            title="March",
            capacity=1,
            meeting_point="The bridge",
            starts_at=timezone.now() + timedelta(days=3),
        )
    reminder = jobs("remind_event_attendees").get()
    assert abs(reminder.run_after - (event.starts_at - timedelta(days=1))) < timedelta(seconds=1)
    going(event, bob)
    going(event, carol)  # waiting list: not reminded
    going(event, dan)
    not_going(event, dan)
    run_jobs()
    assert not Notification.objects.filter(key__contains="reminder").exists()  # not yet due
    make_due("remind_event_attendees")
    run_jobs()
    told = Notification.objects.filter(key__startswith=f"event-{event.pk}-reminder")
    assert list(told.values_list("user__email", flat=True)) == [bob.email]
    assert [message.to for message in mailoutbox] == [[bob.email]]
    assert "Meeting point: The bridge" in mailoutbox[0].body
    # A retried job tells nobody twice.
    assert remind_event_attendees.call(event.pk, event.starts_at.isoformat()) == 0


def test_a_reminder_for_a_start_time_the_event_no_longer_has_does_nothing(riverside, alice, bob):
    event = plan_event(riverside, alice)
    going(event, bob)
    stale = (event.starts_at - timedelta(hours=1)).isoformat()
    assert remind_event_attendees.call(event.pk, stale) == 0
    assert remind_event_attendees.call(event.pk, event.starts_at.isoformat()) == 1


def test_no_reminder_for_a_cancelled_event(riverside, alice, bob):
    event = plan_event(riverside, alice)
    going(event, bob)
    actions.check_cancel_event(event, reason="", acting_user=alice)
    event.refresh_from_db()
    assert actions.remind_attendees(event) == 0


def test_rsvps_lose_their_names_after_the_retention_period_and_keep_their_counts(
    riverside, alice, bob, carol, django_capture_on_commit_callbacks, run_jobs, settings
):
    settings.GROUNDWORK_RSVP_RETENTION_DAYS = 30
    with django_capture_on_commit_callbacks(execute=True):
        event = plan_event(riverside, alice, kind="protest", stewards=[bob])
    going(event, bob)
    rsvp = going(event, carol)
    actions.check_check_in(rsvp, present=True, acting_user=alice)
    job = jobs("anonymise_event_rsvps").get()
    assert abs(job.run_after - (event.ends_at + timedelta(days=30))) < timedelta(seconds=1)
    # Too early (the event moved later, or a worker's clock): it comes back at the right time.
    make_due("anonymise_event_rsvps")
    run_jobs()
    assert Rsvp.objects.filter(event=event, user__isnull=False).count() == 2
    assert jobs("anonymise_event_rsvps").filter(status="READY").count() == 1
    move_into_the_past(event, days_ago=31)
    make_due("anonymise_event_rsvps")
    run_jobs()
    assert Rsvp.objects.filter(event=event, user__isnull=False).count() == 0
    assert Rsvp.objects.filter(event=event, status="confirmed").count() == 2
    assert Rsvp.objects.filter(event=event, checked_in_at__isnull=False).count() == 1
    event.refresh_from_db()
    assert event.rsvps_anonymised_at is not None and not event.stewards.exists()
    assert event.confirmed_count == 2
    # Idempotent: running again changes nothing and writes no second audit entry.
    assert anonymise_event_rsvps.call(event.pk) == "anonymised"
    assert AuditEntry.objects.filter(verb="event.rsvps_anonymised").count() == 1


def test_the_retention_period_defaults_to_ninety_days(riverside, alice, bob, settings):
    assert settings.GROUNDWORK_RSVP_RETENTION_DAYS == 90
    event = plan_event(riverside, alice)
    going(event, bob)
    move_into_the_past(event, days_ago=89)
    assert actions.anonymise_rsvps(event) == 0
    move_into_the_past(event, days_ago=91)
    assert actions.anonymise_rsvps(event) == 1
    assert Event.objects.get(pk=event.pk).rsvps_anonymised_at is not None

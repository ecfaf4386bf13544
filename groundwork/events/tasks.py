"""Jobs of the events app: reminders the day before, and forgetting who came once the time is up.

Each job is idempotent: it reads the event's state when it runs, so a retried, early or stale job
(the event moved) does no harm.
"""

from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from groundwork.events.models import Event


def schedule_event_jobs(event_id: int) -> None:
    """After an event is created or moved: a reminder a day before, anonymisation after it."""
    from groundwork.events.actions import retention_days

    event = Event.objects.filter(pk=event_id).first()
    if event is None:
        return
    reminder_at = event.starts_at - timedelta(days=1)
    if reminder_at > timezone.now():
        remind_event_attendees.using(run_after=reminder_at).enqueue(
            event.pk, event.starts_at.isoformat()
        )
    anonymise_event_rsvps.using(run_after=event.ends_at + timedelta(days=retention_days())).enqueue(
        event.pk
    )


@task()
def remind_event_attendees(event_id: int, starts_at: str) -> int:
    """Remind the people going; a job for a start time the event no longer has does nothing."""
    from groundwork.events.actions import remind_attendees

    event = Event.objects.filter(pk=event_id).first()
    if event is None or event.starts_at.isoformat() != starts_at:
        return 0
    return remind_attendees(event)


@task()
def anonymise_event_rsvps(event_id: int) -> str:
    """Anonymise the RSVPs once the retention period is over; if the event moved later, come back."""
    from groundwork.events.actions import anonymise_rsvps, retention_days

    event = Event.objects.filter(pk=event_id).first()
    if event is None:
        return "nothing to do"
    due = event.ends_at + timedelta(days=retention_days())
    if due > timezone.now():
        anonymise_event_rsvps.using(run_after=due).enqueue(event_id)
        return "rescheduled"
    anonymise_rsvps(event)
    return "anonymised"

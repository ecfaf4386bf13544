"""Jobs of the events app: reminders the day before, and forgetting who came once the time is up.

Each job is an entry point: it finds the event its arguments name and calls the action that does
the work. The actions read the event's state when they run, so a retried, early or stale job (the
event moved) does no harm.
"""

from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from groundwork.events.models import Event


def schedule_event_jobs(event_id: int) -> None:
    """After an event is created or moved: a reminder a day before, anonymisation after it."""
    event = Event.objects.filter(pk=event_id).first()
    if event is None:
        return
    reminder_at = event.starts_at - timedelta(days=1)
    if reminder_at > timezone.now():
        remind_event_attendees.using(run_after=reminder_at).enqueue(
            event.pk, event.starts_at.isoformat()
        )
    schedule_anonymising(event)


def schedule_anonymising(event: Event) -> None:
    """Anonymise the event's RSVPs once the retention period after it is over."""
    from groundwork.events.actions import anonymise_after

    anonymise_event_rsvps.using(run_after=anonymise_after(event)).enqueue(event.pk)


@task()
def remind_event_attendees(event_id: int, starts_at: str) -> int:
    """Remind the people going (do_remind_attendees); a job for a start time the event no longer
    has names an occurrence that is gone, and does nothing."""
    from groundwork.events.actions import do_remind_attendees

    event = Event.objects.filter(pk=event_id).first()
    if event is None or event.starts_at.isoformat() != starts_at:
        return 0
    return do_remind_attendees(event)


@task()
def anonymise_event_rsvps(event_id: int) -> str:
    """Anonymise the RSVPs, or come back if the event moved later (do_anonymise_rsvps_when_due)."""
    from groundwork.events.actions import do_anonymise_rsvps_when_due

    event = Event.objects.filter(pk=event_id).first()
    return do_anonymise_rsvps_when_due(event) if event else "nothing to do"

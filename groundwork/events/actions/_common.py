"""What the events actions share: the counts kept on the event, the waiting list's promotion, and
the start time as members read it."""

from django.db import transaction
from django.db.models import Count, Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from groundwork.core.audit import record
from groundwork.core.text import fit_to_field
from groundwork.events.models import Event, Rsvp
from groundwork.notifications.actions import do_notify
from groundwork.notifications.models import Notification, NotificationKind

ACTIVE = (Rsvp.Status.CONFIRMED, Rsvp.Status.WAITLISTED)


def _when(event: Event) -> str:
    # Django names the day and month in the language of the text it goes into.
    return date_format(event.local_start, "l j F Y, H:i ") + event.local_start.strftime("%Z")


def _recount(event: Event) -> None:
    counts = Rsvp.objects.filter(event=event).aggregate(
        confirmed=Count("pk", filter=Q(status=Rsvp.Status.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=Rsvp.Status.WAITLISTED)),
    )
    event.confirmed_count, event.waitlist_count = counts["confirmed"], counts["waiting"]
    Event.objects.filter(pk=event.pk).update(
        confirmed_count=counts["confirmed"], waitlist_count=counts["waiting"]
    )


def _promote_waiting(event: Event) -> list[Rsvp]:
    """Give free places to the waiting list, first come first served (the event row is locked)."""
    if event.capacity is None:
        free = None
    else:
        confirmed = Rsvp.objects.filter(event=event, status=Rsvp.Status.CONFIRMED).count()
        free = event.capacity - confirmed
        if free <= 0:
            return []
    waiting = Rsvp.objects.filter(event=event, status=Rsvp.Status.WAITLISTED).order_by(
        "queued_at", "id"
    )
    promoted = list(waiting if free is None else waiting[:free])
    for rsvp in promoted:
        rsvp.status = Rsvp.Status.CONFIRMED
        rsvp.save(update_fields=["status", "updated_at"])
        record(actor=None, verb="rsvp.promoted", target=rsvp, group_id=event.group_id)
    if promoted:
        user_ids = [rsvp.user_id for rsvp in promoted if rsvp.user_id]
        text = _("A place came free: you are going to %(title)s (%(when)s).") % {
            "title": event.title,
            "when": _when(event),
        }
        url = event.get_absolute_url()
        key = f"event-{event.pk}-promoted"
        transaction.on_commit(
            lambda: do_notify(
                user_ids,
                kind=NotificationKind.EVENTS,
                key=key,
                text=fit_to_field(Notification, "text", text),
                url=url,
                email_subject=text,
                email_body=text,
            )
        )
    return promoted

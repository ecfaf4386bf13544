"""Forgetting who answered: an event's RSVPs lose their names once the retention period is over."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from groundwork.core.audit import record
from groundwork.events.models import Event, Rsvp


def retention_days() -> int:
    """Days after an event before its RSVPs lose their names (GROUNDWORK_RSVP_RETENTION_DAYS)."""
    return settings.GROUNDWORK_RSVP_RETENTION_DAYS


@transaction.atomic
def anonymise_rsvps(event: Event, *, now: datetime | None = None) -> int:
    """Remove the names from the RSVPs of an event over for longer than the retention period.

    Counts and check-ins stay (for the group's records); who they were goes. Returns how many
    RSVPs lost their name: 0 when it is too early or already done.
    """
    now = now or timezone.now()
    if event.ends_at + timedelta(days=retention_days()) > now:
        return 0
    count = Rsvp.objects.filter(event=event, user__isnull=False).update(user=None)
    event.stewards.clear()
    if event.rsvps_anonymised_at is None or count:
        Event.objects.filter(pk=event.pk).update(rsvps_anonymised_at=now)
        record(
            actor=None,
            verb="event.rsvps_anonymised",
            target=event,
            group_id=event.group_id,
            new={"rsvps": count},
        )
    return count

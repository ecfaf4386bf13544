"""The reminder the day before an event, to everyone going (run by a job, see tasks.py)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.core.text import fit_to_field
from groundwork.events.actions._common import _when
from groundwork.events.models import Event, Rsvp
from groundwork.notifications.actions import do_notify
from groundwork.notifications.models import Notification, NotificationKind


def do_remind_attendees(event: Event) -> int:
    """Remind everyone going, the day before, once per start time (safe to run again)."""
    if event.is_cancelled or event.starts_at <= timezone.now():
        return 0
    user_ids = Rsvp.objects.filter(
        event=event, status=Rsvp.Status.CONFIRMED, user__isnull=False
    ).values_list("user_id", flat=True)
    details = {"title": event.title, "when": _when(event), "place": event.place_text}
    if event.place_text:
        text = _("Tomorrow: %(title)s, %(when)s. %(place)s.") % details
    else:
        text = _("Tomorrow: %(title)s, %(when)s.") % details
    body = text
    if event.meeting_point:
        body += "\n" + _("Meeting point: %(place)s") % {"place": event.meeting_point}
    if event.what_to_bring:
        body += "\n" + _("What to bring: %(things)s") % {"things": event.what_to_bring}
    if event.legal_support:
        body += "\n" + _("Legal support: %(support)s") % {"support": event.legal_support}
    return do_notify(
        user_ids,
        kind=NotificationKind.EVENTS,
        key=f"event-{event.pk}-reminder-{event.starts_at:%Y%m%dT%H%M}",
        text=fit_to_field(Notification, "text", text),
        url=event.get_absolute_url(),
        email_subject=_("Reminder: %(title)s tomorrow") % {"title": event.title},
        email_body=body,
    )

"""A member's private calendar feed: its secret address, made on first use and reset on request."""

from django.db import transaction
from django.utils import timezone

from groundwork.core.audit import record
from groundwork.events.models import CalendarFeed
from groundwork.members.models import User


@transaction.atomic
def do_open_calendar_feed(user: User, *, acting_user: User) -> CalendarFeed:
    """The member's private calendar address, made the first time they ask for it."""
    feed, created = CalendarFeed.objects.get_or_create(user=user)
    if created:
        record(actor=acting_user, verb="calendar_feed.created", target=feed)
    return feed


@transaction.atomic
def do_reset_calendar_feed(user: User, *, acting_user: User) -> CalendarFeed:
    """Give the member a new secret calendar address; the old one stops working at once."""
    feed = do_open_calendar_feed(user, acting_user=acting_user)
    feed.token = CalendarFeed._meta.get_field("token").default()
    feed.reset_at = timezone.now()
    feed.save(update_fields=["token", "reset_at"])
    record(actor=acting_user, verb="calendar_feed.reset", target=feed)
    return feed

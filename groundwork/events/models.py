"""Events of the movement: protests, meetings, conferences and their sessions, RSVPs, calendars."""

import secrets
import zoneinfo
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from groundwork.core.models import TimeStampedModel, latitude_field, longitude_field


def validate_time_zone(name: str) -> None:
    if name not in zoneinfo.available_timezones():
        raise ValidationError(
            _("Enter a time zone by its IANA name, such as Europe/London."), code="time_zone"
        )


class EventSeries(TimeStampedModel):
    """A repeating event (a weekly meeting): its occurrences are events of their own."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("Every week")
        FORTNIGHTLY = "fortnightly", _("Every two weeks")
        MONTHLY = "monthly", _("Every month")

    group = models.ForeignKey(
        "groups.Group", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    frequency = models.CharField(max_length=12, choices=Frequency.choices)
    repeat_until = models.DateField()

    class Meta:
        verbose_name_plural = _("event series")

    def __str__(self) -> str:
        return f"{self.get_frequency_display()} until {self.repeat_until}"


# The longest an event may last. Lists of upcoming events rely on it: an event still running
# started at most this long ago, so the list walks the start-time index from there, not from the
# beginning of the alliance's history. Longer undertakings are several events or a series.
LONGEST_EVENT = timedelta(days=14)


class Event(TimeStampedModel):
    """One event, stored in UTC with the time zone its people live in."""

    class Kind(models.TextChoices):
        PROTEST = "protest", _("Protest or march")
        MEETING = "meeting", _("Public meeting")
        COMMUNITY = "community", _("Community event")
        TEACH_IN = "teach_in", _("Teach-in")
        TRAINING = "training", _("Training")
        SOCIAL = "social", _("Social")
        CONFERENCE = "conference", _("Conference")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public: anyone, in public calendars too")
        ALLIANCE = "alliance", _("Alliance: signed-in members of any group")
        MEMBERS = "members", _("Members only: the group's members")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    # No group: an alliance event, organised by the alliance's coordinators.
    group = models.ForeignKey(
        "groups.Group", null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    series = models.ForeignKey(
        EventSeries, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.MEETING)
    title = models.CharField(max_length=160)
    description = models.TextField(blank=True, help_text=_("Markdown: **bold**, lists and links."))
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    time_zone = models.CharField(
        max_length=64, default="Europe/London", validators=[validate_time_zone]
    )
    visibility = models.CharField(
        max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SCHEDULED)
    cancellation_reason = models.TextField(blank=True)
    # Where: a place with a point on the map, an online link, or both.
    venue = models.CharField(max_length=160, blank=True)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=9, blank=True)
    postcode_district = models.CharField(max_length=4, blank=True, db_index=True)
    latitude = latitude_field()
    longitude = longitude_field()
    online_url = models.URLField(_("Online link"), blank=True)
    accessibility = models.TextField(
        _("Accessibility"),
        blank=True,
        help_text=_("Step-free access, toilets, seating, BSL, quiet space, distance of a march."),
    )
    # Protests and marches.
    meeting_point = models.CharField(max_length=300, blank=True)
    legal_support = models.CharField(
        _("Legal-support contact"),
        max_length=300,
        blank=True,
        help_text=_("The legal observers' or bust-card number to write on your arm."),
    )
    what_to_bring = models.TextField(blank=True)
    stewards = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="events_stewarded"
    )
    # Conferences.
    registration_info = models.TextField(
        _("Registration"), blank=True, help_text=_("Who may register, fees, delegates, deadlines.")
    )
    objectives = models.ManyToManyField(
        "aims.Objective",
        blank=True,
        related_name="events",
        help_text=_("The objectives of the platform this event works towards."),
    )
    # Empty: no limit. Beyond it, people join the waiting list.
    capacity = models.PositiveIntegerField(null=True, blank=True)
    # Denormalised so lists never count rows; changed only by actions holding the event's lock.
    confirmed_count = models.PositiveIntegerField(default=0)
    waitlist_count = models.PositiveIntegerField(default=0)
    rsvps_anonymised_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            # Upcoming events in order of start: a scan from LONGEST_EVENT ago skips those already
            # over inside the index, and counting them needs no table access (PostgreSQL INCLUDE).
            models.Index(
                fields=["starts_at", "ends_at"],
                include=["visibility", "group"],
                name="event_upcoming",
            ),
            models.Index(fields=["group", "starts_at"], name="event_group_starts"),
            models.Index(fields=["ends_at"], name="event_ends"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | models.Q(capacity__gte=1),
                name="event_capacity_positive",
            ),
            models.CheckConstraint(
                condition=(models.Q(latitude__isnull=True) & models.Q(longitude__isnull=True))
                | (models.Q(latitude__isnull=False) & models.Q(longitude__isnull=False)),
                name="event_point_complete_or_absent",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"pk": self.pk})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self) -> datetime:
        return self.starts_at.astimezone(self.zone)

    @property
    def local_end(self) -> datetime:
        return self.ends_at.astimezone(self.zone)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_protest(self) -> bool:
        return self.kind == self.Kind.PROTEST

    @property
    def places_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed_count, 0)

    @property
    def place_text(self) -> str:
        return ", ".join(part for part in (self.venue, self.address, self.postcode) if part)


class EventOverview(Event):
    """Events as the Django admin lists them for coordinators, read-only.

    A proxy so that the admin's model permissions (`events.view_eventoverview`) never meet the
    `events.view_event` and `events.change_event` rules, which other apps ask for by name.
    """

    class Meta:
        proxy = True
        verbose_name = _("event")
        verbose_name_plural = _("events")


class Session(models.Model):
    """A session of a conference: a talk, panel or workshop in a track, with its speakers."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(max_length=160)
    track = models.CharField(
        max_length=80, blank=True, help_text=_("Such as “Housing” or “Main hall”.")
    )
    speakers = models.CharField(
        max_length=300, blank=True, help_text=_("Names, separated by commas.")
    )
    room = models.CharField(max_length=80, blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["starts_at", "track", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Rsvp(TimeStampedModel):
    """A member's answer to an event: confirmed, waiting for a place, or cancelled.

    `user` is emptied once the event is long past (GROUNDWORK_RSVP_RETENTION_DAYS): the counts stay,
    the names go. `queued_at` orders the waiting list; answering again after cancelling re-queues.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Going")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Not going")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="rsvps",
    )
    status = models.CharField(max_length=12, choices=Status.choices)
    queued_at = models.DateTimeField()
    checked_in_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["queued_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_rsvp_per_member_per_event")
        ]
        indexes = [
            models.Index(fields=["event", "status", "queued_at"], name="rsvp_event_queue"),
            models.Index(fields=["user", "status"], name="rsvp_user_status"),
        ]

    def __str__(self) -> str:
        return f"{self.user or 'someone'}: {self.get_status_display()} ({self.event})"


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A member's private calendar address: whoever holds the token sees the events they attend."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    reset_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Calendar of {self.user}"

import copy
import functools
import zoneinfo
from datetime import date, datetime, timedelta
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from groundwork.aims.models import Objective
from groundwork.core.postcodes import postcode_district
from groundwork.events.actions import places_taken_message
from groundwork.events.models import LONGEST_EVENT, Event, EventSeries, Session
from groundwork.groups.models import Group
from groundwork.members.forms import PeopleByNameField, PeopleChoiceField
from groundwork.members.models import User

# How far ahead a repeating event may be planned.
SERIES_HORIZON_DAYS = 366
LOCAL_FORMATS = ("%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M")
TIME_ZONES = sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})
TIME_ZONE_CHOICES = [(name, name) for name in TIME_ZONES]
# Up to this many members, stewards are ticked in a list of the group's members; past it, their
# names are typed (a list of thousands is a megabyte of page nobody can use).
STEWARD_CHECKBOXES_UP_TO = 100


class LocalDateTimeField(forms.Field):
    """A wall-clock date and time, naive: the form places it in the event's own time zone."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    default_error_messages = {"invalid": _("Enter a date and time, such as 2026-03-14 11:00.")}

    def to_python(self, value: Any) -> datetime | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.replace(tzinfo=None)
        for pattern in LOCAL_FORMATS:
            try:
                return datetime.strptime(str(value).strip(), pattern)
            except ValueError:
                continue
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


def place_in_zone(wall: datetime, zone: zoneinfo.ZoneInfo) -> datetime | None:
    """`wall` as an aware time in `zone`, or None if the clocks skip it (spring forward)."""
    aware = wall.replace(tzinfo=zone)
    back = aware.astimezone(zoneinfo.ZoneInfo("UTC")).astimezone(zone)
    return aware if back.replace(tzinfo=None) == wall else None


def _time_zone_options() -> tuple[str, dict[str, int]]:
    """The options of every zone, none selected, and where " selected" goes in them for each
    zone (before the closing ">" of its opening tag)."""
    options, selected_at, length = [], {}, 0
    for zone in TIME_ZONES:
        opening = f'<option value="{escape(zone)}"'
        selected_at[zone] = length + len(opening)
        options.append(f"{opening}>{escape(zone)}</option>")
        length += len(options[-1])
    return "".join(options), selected_at


class TimeZoneSelect(forms.Select):
    """The ~600 time zones written out once per process: Django's Select draws each option
    through a template, 23 ms of every event form (measured on the scale dataset,
    bench/RESULTS.md), and even joining them afresh was a tenth of the form's time. The options
    are the same for every reader and every language (a zone's name is not translated), so a
    request only marks the chosen one; a value not among them (an invalid form's) marks none,
    as Django's Select does."""

    OPTIONS, SELECTED_AT = _time_zone_options()

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        chosen = str(value[0] if isinstance(value, list | tuple) and value else value or "")
        options = self.OPTIONS
        at = self.SELECTED_AT.get(chosen)
        if at is not None:
            options = f"{options[:at]} selected{options[at:]}"
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html('<select name="{}"{}>{}</select>', name, attributes, mark_safe(options))

    def __deepcopy__(self, memo: dict) -> "TimeZoneSelect":
        """Shares its choices, which nothing changes (Select copies all ~600 with each form)."""
        copied = copy.copy(self)
        copied.attrs = self.attrs.copy()
        memo[id(self)] = copied
        return copied


class TimeZoneField(forms.ChoiceField):
    """One of TIME_ZONES, its choices shared by every form rather than deep-copied with each
    (ChoiceField copies them, ~600 pairs: a fifth of an event form's Python on the scale data)."""

    widget = TimeZoneSelect

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=TIME_ZONE_CHOICES, **kwargs)

    def __deepcopy__(self, memo: dict) -> "TimeZoneField":
        return forms.Field.__deepcopy__(self, memo)


def _objective_choices(field: forms.ModelMultipleChoiceField) -> list[tuple[int, str]]:
    objectives = cast(QuerySet[Objective], field.queryset)
    return [(objective.pk, field.label_from_instance(objective)) for objective in objectives]


class EventForm(forms.ModelForm):
    starts = LocalDateTimeField(
        label=_("Starts"), help_text=_("Local time where the event happens.")
    )
    ends = LocalDateTimeField(label=_("Ends"))
    time_zone = TimeZoneField(label=_("Time zone"), initial="Europe/London")
    objectives = forms.ModelMultipleChoiceField(
        queryset=Objective.objects.order_by("number"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Works towards"),
        help_text=_("The objectives of the platform this event works towards."),
    )
    stewards = PeopleChoiceField(
        label=_("Stewards"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Members of the group who steward the protest; named only to people going."),
    )
    repeat = forms.ChoiceField(
        label=_("Repeats"),
        required=False,
        choices=[("", _("Does not repeat"))] + list(EventSeries.Frequency.choices),
        help_text=_("Each date becomes an event of its own, with its own RSVPs."),
    )
    repeat_until = forms.DateField(
        label=_("Repeat until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The last date to hold it; up to a year ahead."),
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "description",
            "starts",
            "ends",
            "time_zone",
            "visibility",
            "venue",
            "address",
            "postcode",
            "latitude",
            "longitude",
            "online_url",
            "accessibility",
            "capacity",
            "meeting_point",
            "stewards",
            "legal_support",
            "what_to_bring",
            "registration_info",
            "repeat",
            "repeat_until",
        ]
        labels = {
            "title": _("Title"),
            "kind": _("Kind"),
            "description": _("Description"),
            "visibility": _("Visibility"),
            "venue": _("Venue"),
            "address": _("Address"),
            "postcode": _("Postcode"),
            "latitude": _("Latitude"),
            "longitude": _("Longitude"),
            "capacity": _("Capacity"),
            "meeting_point": _("Meeting point"),
            "what_to_bring": _("What to bring"),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
            "what_to_bring": forms.Textarea(attrs={"rows": 3}),
            "registration_info": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "capacity": _("Leave empty for no limit. Beyond it, people join a waiting list."),
            "latitude": _("For the map, such as 51.50280."),
            "longitude": _("Such as -0.08760."),
            "meeting_point": _(
                "Protests: where people gather, such as “south side of the bridge”."
            ),
            "online_url": _("A video-call link or livestream, if any."),
        }

    # Drawn once per process and language on a new event's form (core.forms.field_html): not
    # the objectives, read from the database, nor the stewards, who are the group's.
    fields_drawn_alike = frozenset(Meta.fields) - {"stewards"}

    def __init__(self, *args, group: Group | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        objectives = cast(forms.ModelMultipleChoiceField, self.fields["objectives"])
        # Read with one plain query each time the boxes are drawn, as Django's choice iterator
        # reads them, but not through a server-side cursor (DECLARE, FETCH, CLOSE: three round
        # trips for a handful of objectives). Choosing still checks against the queryset.
        objectives.choices = functools.partial(_objective_choices, objectives)
        if group is not None:
            members = User.objects.filter(memberships__group=group).order_by(
                "display_name", "email"
            )
            if group.member_count > STEWARD_CHECKBOXES_UP_TO:
                self.fields["stewards"] = PeopleByNameField(
                    label=_("Stewards"),
                    queryset=members,
                    required=False,
                    help_text=_(
                        "Members of the group who steward the protest, one name a line; named "
                        "only to people going."
                    ),
                )
            else:
                cast(forms.ModelMultipleChoiceField, self.fields["stewards"]).queryset = members
        else:
            del self.fields["stewards"]
        if self.instance.pk:
            del self.fields["repeat"], self.fields["repeat_until"]
            self.initial.setdefault("starts", self.instance.local_start.replace(tzinfo=None))
            self.initial.setdefault("ends", self.instance.local_end.replace(tzinfo=None))
            self.initial.setdefault("time_zone", self.instance.time_zone)
            if "stewards" in self.fields:
                self.initial.setdefault("stewards", list(self.instance.stewards.all()))
            self.initial.setdefault("objectives", list(self.instance.objectives.all()))

    def clean_capacity(self) -> int | None:
        """Empty is no limit; 0 is refused (an event nobody may attend is a cancelled one); and a
        capacity below the places already taken would leave people with a place past it."""
        capacity = self.cleaned_data["capacity"]
        if capacity is None:
            return None
        if capacity < 1:
            raise forms.ValidationError(
                _("Give at least 1 place, or leave it empty for no limit."), code="min_value"
            )
        taken = self.instance.confirmed_count if self.instance.pk else 0
        if capacity < taken:
            raise forms.ValidationError(
                places_taken_message(taken),
                code="below_places_taken",
            )
        return capacity

    def clean_postcode(self) -> str:
        postcode = " ".join(self.cleaned_data["postcode"].upper().split())
        if postcode and not postcode_district(postcode):
            raise forms.ValidationError(_("Enter a UK postcode, such as SE1 9SG, or its district."))
        return postcode

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        zone = zoneinfo.ZoneInfo(cleaned.get("time_zone") or "Europe/London")
        for name in ("starts", "ends"):
            if cleaned.get(name):
                placed = place_in_zone(cleaned[name], zone)
                if placed is None:
                    self.add_error(name, _("The clocks go forward then: that time does not exist."))
                cleaned[f"{name}_at"] = placed
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends", _("The event must end after it starts."))
        elif starts_at and ends_at and ends_at - starts_at > LONGEST_EVENT:
            self.add_error(
                "ends",
                _(
                    "An event can last at most %(days)s days. For something longer, add it as "
                    "several events or a weekly series."
                )
                % {"days": LONGEST_EVENT.days},
            )
        if (cleaned.get("latitude") is None) != (cleaned.get("longitude") is None):
            self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        has_place = any(cleaned.get(name) for name in ("venue", "address", "postcode"))
        if not has_place and not cleaned.get("online_url"):
            self.add_error("address", _("Give a place (an address or postcode) or an online link."))
        self._clean_repeat(cleaned)
        return cleaned

    def _clean_repeat(self, cleaned: dict[str, Any]) -> None:
        if not cleaned.get("repeat"):
            return
        until: date | None = cleaned.get("repeat_until")
        starts_at = cleaned.get("starts_at")
        if until is None:
            self.add_error("repeat_until", _("Say until when it repeats."))
        elif starts_at and until < starts_at.date():
            self.add_error("repeat_until", _("Repeat until a date after the first one."))
        elif until > timezone.localdate() + timedelta(days=SERIES_HORIZON_DAYS):
            self.add_error("repeat_until", _("Plan at most a year ahead; add more dates later."))

    def event_values(self) -> dict[str, Any]:
        names = [name for name in self.Meta.fields if name not in {"starts", "ends", "stewards"}]
        names = [name for name in names if name not in {"repeat", "repeat_until"}]
        values = {name: self.cleaned_data[name] for name in names}
        values["starts_at"] = self.cleaned_data["starts_at"]
        values["ends_at"] = self.cleaned_data["ends_at"]
        return values


class CancelEventForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, told to everyone who said they would come"),
        required=False,
        max_length=250,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SessionForm(forms.ModelForm):
    starts = LocalDateTimeField(label=_("Starts"), help_text=_("In the conference's time zone."))
    ends = LocalDateTimeField(label=_("Ends"))

    class Meta:
        model = Session
        fields = ["title", "track", "speakers", "room", "starts", "ends", "description"]
        labels = {
            "title": _("Title"),
            "track": _("Track"),
            "speakers": _("Speakers"),
            "room": _("Room"),
            "description": _("Description"),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, event: Event, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.event = event

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        for name in ("starts", "ends"):
            if cleaned.get(name):
                placed = place_in_zone(cleaned[name], self.event.zone)
                if placed is None:
                    self.add_error(name, _("The clocks go forward then: that time does not exist."))
                cleaned[f"{name}_at"] = placed
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends", _("The session must end after it starts."))
        event = self.event
        when = {
            "start": date_format(event.local_start, "j F Y, H:i"),
            "end": date_format(event.local_end, "j F Y, H:i"),
        }
        if starts_at and not event.starts_at <= starts_at < event.ends_at:
            message = _(
                "The session must start during the conference: it runs from %(start)s to %(end)s."
            )
            self.add_error("starts", message % when)
        if ends_at and not event.starts_at < ends_at <= event.ends_at:
            message = _(
                "The session must end during the conference: it runs from %(start)s to %(end)s."
            )
            self.add_error("ends", message % when)
        return cleaned

    def session_values(self) -> dict[str, Any]:
        values = {name: self.cleaned_data[name] for name in ("title", "track", "speakers", "room")}
        values["description"] = self.cleaned_data["description"]
        values["starts_at"] = self.cleaned_data["starts_at"]
        values["ends_at"] = self.cleaned_data["ends_at"]
        return values


class EventFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds"))] + list(Event.Kind.choices)
    )
    group = forms.SlugField(label=_("Group"), required=False, widget=forms.HiddenInput)
    area = forms.CharField(
        label=_("Area or postcode"),
        required=False,
        max_length=60,
        help_text=_("Such as Leeds or SE15."),
    )

"""How an event's time reads on its card and page, in the event's own time zone."""

from datetime import UTC, datetime

from django.template import engines

from groundwork.events.models import Event

WHEN = engines["django"].from_string("{% load event_time %}{% event_when event %}")


def when(starts: datetime, ends: datetime, zone: str = "Europe/London") -> str:
    event = Event(starts_at=starts, ends_at=ends, time_zone=zone)
    return WHEN.render({"event": event}).strip()


def test_an_evening_meeting_in_winter_reads_in_gmt():
    text = when(datetime(2027, 1, 7, 19, tzinfo=UTC), datetime(2027, 1, 7, 21, tzinfo=UTC))
    assert (
        text == '<time datetime="2027-01-07T19:00:00+00:00">Thu 7 Jan 2027, 19:00</time>–21:00 GMT'
    )


def test_a_summer_time_march_reads_in_bst_local_time():
    text = when(datetime(2026, 5, 14, 10, tzinfo=UTC), datetime(2026, 5, 14, 15, tzinfo=UTC))
    assert (
        text == '<time datetime="2026-05-14T11:00:00+01:00">Thu 14 May 2026, 11:00</time>–16:00 BST'
    )


def test_an_event_over_two_days_names_the_day_it_ends():
    text = when(datetime(2026, 5, 16, 8, tzinfo=UTC), datetime(2026, 5, 17, 16, tzinfo=UTC))
    assert text.endswith("–Sun 17 May, 17:00 BST")


def test_an_event_abroad_reads_in_its_own_zone():
    text = when(
        datetime(2026, 11, 3, 14, tzinfo=UTC),
        datetime(2026, 11, 3, 16, tzinfo=UTC),
        "America/New_York",
    )
    assert (
        text == '<time datetime="2026-11-03T09:00:00-05:00">Tue 3 Nov 2026, 09:00</time>–11:00 EST'
    )

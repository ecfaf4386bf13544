"""When an event happens, in its own time zone, as every event card and page shows it.

Written in Python rather than with six `date` filters inside a `{% timezone %}` block: a list of
25 events spent a third of its time formatting dates that way (bench/RESULTS.md).
"""

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def event_when(event) -> str:
    """`Sat 14 Mar 2026, 19:00–21:00 GMT`, or with the end's date when it ends on another day."""
    starts, ends = event.starts_at.astimezone(event.zone), event.ends_at.astimezone(event.zone)
    # Django names the days and months in the reader's language (strftime's are English).
    start_text = date_format(starts, "D j M Y, H:i")
    end_text = (
        date_format(ends, "H:i")
        if starts.date() == ends.date()
        else date_format(ends, "D j M, H:i")
    )
    return format_html(
        '<time datetime="{}">{}</time>–{} {}',
        starts.isoformat(),
        start_text,
        end_text,
        starts.tzname(),
    )

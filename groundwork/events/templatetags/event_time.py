"""When an event happens, in its own time zone, as every event card and page shows it.

Written in Python rather than with six `date` filters inside a `{% timezone %}` block: a list of
25 events spent a third of its time formatting dates that way (bench/RESULTS.md).
"""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def event_when(event) -> str:
    """`Sat 14 Mar 2026, 19:00–21:00 GMT`, or with the end's date when it ends on another day."""
    starts, ends = event.starts_at.astimezone(event.zone), event.ends_at.astimezone(event.zone)
    start_text = f"{starts:%a} {starts.day} {starts:%b %Y, %H:%M}"
    end_text = (
        f"{ends:%H:%M}"
        if starts.date() == ends.date()
        else f"{ends:%a} {ends.day} {ends:%b, %H:%M}"
    )
    return format_html(
        '<time datetime="{}">{}</time>–{} {}',
        starts.isoformat(),
        start_text,
        end_text,
        starts.tzname(),
    )

"""What rows written in Python share, where a long list's rows are drawn without the template
language (the API's lists, a group's members, an action plan's tasks, the audit log): a route's
address reversed once, and dates as the `date` filter writes them in the page's language.

Links to the pages of listed objects, in a list's rows: `page_link("events:detail", pk=7)`.
"""

import re
from datetime import date
from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.dates import MONTHS_3
from django.utils.translation import get_language

# A list of 50 rows asked Django's `reverse` 50 times for the same route, each time matching the
# route's pattern again (about a tenth of a list's time). Here the route is reversed once per
# process (and script prefix) with a marker in place of each argument, and each row fills in its
# own values; a value that the marker's shape might not stand for (not letters, digits, - or _)
# takes `reverse` itself, so the link is always the one `reverse` gives.

# Digits only, so that it passes the int, slug and str converters alike.
MARKER = "9081726354"
PLAIN = re.compile(r"[-\w]+", re.ASCII)


def page_link(view_name: str, **kwargs: str | int) -> str:
    """The path of the page `view_name` with `kwargs`, as `reverse` gives it."""
    values = [str(value) for value in kwargs.values()]
    parts = _parts(view_name, tuple(kwargs), get_script_prefix(), get_urlconf())
    if parts is None or not all(PLAIN.fullmatch(value) for value in values):
        return reverse(view_name, kwargs=kwargs)
    link = parts[0]
    for value, after in zip(values, parts[1:], strict=True):
        link += value + after
    return link


@lru_cache(maxsize=256)
def _parts(
    view_name: str, names: tuple[str, ...], prefix: str, urlconf: str | None
) -> list[str] | None:
    """The route's path cut at each argument (`prefix` and `urlconf` key the cache only)."""
    if not names:
        return None
    markers = {name: f"{MARKER}{number}" for number, name in enumerate(names)}
    path = reverse(view_name, kwargs=markers)
    parts = [path]
    for name in names:
        before, found, after = parts[-1].partition(markers[name])
        if not found or markers[name] in after:
            return None
        parts[-1:] = [before, after]
    return parts


def day_month_year(day: date) -> str:
    """`day` as the `date` filter's "j M Y" writes it in the active language ("5 Dec 2026");
    a datetime is written as given, so make it local first."""
    return f"{day.day} {_months(get_language())[day.month]} {day.year:04d}"


@lru_cache(maxsize=16)
def _months(language: str | None) -> dict[int, str]:
    """The months' short names in `language`, the one active when asked (it keys the cache)."""
    return {number: str(month).title() for number, month in MONTHS_3.items()}

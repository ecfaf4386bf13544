"""The audit log as people read it: `{% audit_rows entries %}` writes a table row per entry (when,
what happened in one sentence, what changed).

The rows are written in Python rather than with the template language: the loop's nodes, two
date filters and a loop over each entry's changes were most of an audit page's time at national
scale (bench/RESULTS.md), as the directory's cards were (groups/templatetags/group_cards.py). The
same markup and the same words as the template they replace. What the template's filters did
per row is done once per page where it can be: "was", "now" and the months' names are translated
once, a time is written as the `date` filter writes "c" and "j M Y, H:i", and only a value longer
than the limit goes through `Truncator` (each filter call cost 20-50 µs, three to five a row).
"""

import unicodedata
from typing import Any

from django import template
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from groundwork.core.audit.sentences import describe, field_label
from groundwork.core.models import AuditEntry

register = template.Library()

ROW = (
    '\n  <tr>\n    <td><time datetime="{}">{}</time></td>\n    <td>{}</td>\n'
    "    <td>{}</td>\n  </tr>"
)
# The longest value a change shows, in characters, before it is cut with an ellipsis.
VALUE_LENGTH = 80


@register.simple_tag
def audit_rows(entries) -> SafeString:
    """A `<tr>` for each of `entries` (with their actors fetched), in the reader's time zone and
    language."""
    words = _Words()
    return format_html_join("", "{}", ((_row(entry, words),) for entry in entries))


class _Words:
    def __init__(self) -> None:
        self.was, self.now = _("was"), _("now")
        self.months = {number: str(name).title() for number, name in MONTHS_3.items()}

    def moment(self, acted_at) -> str:
        """As the `date` filter writes "j M Y, H:i"."""
        month = self.months[acted_at.month]
        return f"{acted_at.day} {month} {acted_at.year:04d}, {acted_at:%H:%M}"


def _row(entry: AuditEntry, words: _Words) -> SafeString:
    acted_at = timezone.localtime(entry.acted_at)
    changes = format_html_join(
        "",
        '<div><span class="meta">{}:</span> {}{}</div>',
        (
            (
                change["field"],
                f"{words.was} {_shown(change['old'])}, {words.now} " if change["was"] else "",
                _shown(change["new"]),
            )
            for change in audit_changes(entry)
        ),
    )
    return format_html(
        ROW,
        acted_at.isoformat(),  # the `date` filter's "c"
        words.moment(acted_at),
        describe(entry),
        changes,
    )


def _shown(value: Any) -> str:
    """A value as a change shows it: a dash for nothing, else its text cut to VALUE_LENGTH."""
    if value is None or value == "":
        return "—"
    text = unicodedata.normalize("NFC", str(value))  # as Truncator reads it
    return text if len(text) <= VALUE_LENGTH else Truncator(text).chars(VALUE_LENGTH)


def audit_changes(entry: AuditEntry) -> list[dict[str, Any]]:
    """Each value the entry keeps: the field as people call it, what it was and what it became."""
    if entry.verb == "admin.changed":
        return []
    keys = list(entry.old) + [key for key in entry.new if key not in entry.old]
    return [
        {
            "field": field_label(entry.target_type, key),
            "old": entry.old.get(key),
            "new": entry.new.get(key),
            "was": key in entry.old,
        }
        for key in keys
    ]

"""The audit log as people read it: `{% audit_rows entries %}` writes a table row per entry (when,
what happened in one sentence, what changed).

The rows are written in Python rather than with the template language: the loop's nodes, two
date filters and a loop over each entry's changes were most of an audit page's time at national
scale (bench/RESULTS.md), as the directory's cards were (groups/templatetags/group_cards.py). The
same markup and the same words as the template they replace. What the template's filters did
per row is done once per page where it can be: "was", "now" and the months' names are translated
once, a time is written as the `date` filter writes "c" and "j M Y, H:i", and only a value longer
than the limit goes through `Truncator` (each filter call cost 20-50 µs, three to five a row).
Each value is escaped as `format_html` escapes it (`conditional_escape`), without its checks for
lazy arguments, which were most of the rows' time (about 30 µs a row); the markup is the same.
"""

import html
import unicodedata
from typing import Any

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from groundwork.core.audit.sentences import describe, field_label
from groundwork.core.models import AuditEntry
from groundwork.core.written import day_month_year

register = template.Library()

ROW = (
    '\n  <tr>\n    <td><time datetime="{}">{}</time></td>\n    <td>{}</td>\n'
    "    <td>{}</td>\n  </tr>"
)
CHANGE = '<div><span class="meta">{}:</span> {}{}</div>'
# The longest value a change shows, in characters, before it is cut with an ellipsis.
VALUE_LENGTH = 80


@register.simple_tag
def audit_rows(entries) -> SafeString:
    """A `<tr>` for each of `entries` (with their actors fetched), in the reader's time zone and
    language."""
    words = _Words()
    return mark_safe("".join(_row(entry, words) for entry in entries))  # noqa: S308 (escaped)


class _Words:
    def __init__(self) -> None:
        self.was, self.now = _("was"), _("now")

    def moment(self, acted_at) -> str:
        """As the `date` filter writes "j M Y, H:i"."""
        return f"{day_month_year(acted_at)}, {acted_at:%H:%M}"


def _row(entry: AuditEntry, words: _Words) -> str:
    """The entry's row, escaped (as `format_html(ROW, …)` would write it)."""
    acted_at = timezone.localtime(entry.acted_at)
    changes = "".join(
        CHANGE.format(
            _escaped(change["field"]),
            _escaped(f"{words.was} {_shown(change['old'])}, {words.now} " if change["was"] else ""),
            _escaped(_shown(change["new"])),
        )
        for change in audit_changes(entry)
    )
    return ROW.format(
        _escaped(acted_at.isoformat()),  # the `date` filter's "c"
        _escaped(words.moment(acted_at)),
        _escaped(describe(entry)),
        changes,
    )


def _escaped(value: Any) -> str:
    """`value` as `conditional_escape` writes it: safe text as it is, anything else escaped."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


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

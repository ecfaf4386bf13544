"""The directory's cards of groups, written in Python rather than with the template language:
25 cards of four lines each were a third of the directory's time at national scale
(bench/RESULTS.md), as the event list's dates were (`events/templatetags/event_time.py`). The same
markup and the same translated phrases as the template they replace; each phrase is translated
once per page rather than once per card."""

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from groundwork.groups.models import Group

register = template.Library()


@register.simple_tag
def group_cards(groups) -> SafeString:
    """An `<li class="card">` for each group (with its parent and postcode districts fetched)."""
    phrases = _Phrases()
    return format_html_join("\n  ", "{}", ((_card(group, phrases),) for group in groups))


class _Phrases:
    def __init__(self) -> None:
        self.kinds = {kind: str(label) for kind, label in Group.Kind.choices}
        self.part_of = _("part of %(name)s")
        self.covers = _("covers %(districts)s")
        self.members: dict[int, str] = {}

    def member_count(self, count: int) -> str:
        if count not in self.members:
            phrase = ngettext("%(members)s member", "%(members)s members", count)
            self.members[count] = phrase % {"members": count}
        return self.members[count]


def _card(group: Group, phrases: _Phrases) -> SafeString:
    meta = [phrases.kinds.get(group.kind, group.kind)]
    if group.area_name:
        meta.append(group.area_name)
    if group.parent_id:
        meta.append(phrases.part_of % {"name": group.parent.name})  # type: ignore[union-attr]
    districts = ", ".join(district.district for district in group.postcode_districts.all())
    covers = " · " + phrases.covers % {"districts": districts} if districts else ""
    return format_html(
        '<li class="card">\n    <h2><a href="{}">{}</a></h2>\n    <p class="meta">{}</p>\n'
        '    <p class="meta">{}{}</p>\n  </li>',
        reverse("groups:detail", kwargs={"slug": group.slug}),
        group.name,
        " · ".join(meta),
        phrases.member_count(group.member_count),
        covers,
    )

"""What a group's page shows besides its own record: its organisers, its postcode districts and
the sections other apps add (`hooks.group_sections`).

The districts and the sections are the same for every reader of one kind (`audience_of`): the
visitors who take no part in the alliance, members of other groups, the group's members, and its
organisers who may act as such. So they are kept in the cache per group, kind of reader and
language (`hooks.GROUP_PAGES`, one variant per kind) until an action changes what they show
(`hooks.group_page_changed`, which renews every kind's copy at once) or the first of the
sections' moments of change by time alone (`changes_at`) comes. Each copy is built from the
request of a reader of its kind and served to readers of that kind alone: what members may see
never reaches a visitor. What is the reader's own (their membership, their request to join) is
read at each request, outside the sections. The organisers' names are read at each request too:
a name changes through the members' own pages, which know nothing of group pages.
"""

from datetime import datetime
from typing import TypedDict

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

from groundwork.core.fragments import draw_sections
from groundwork.groups.hooks import GROUP_PAGES, group_sections
from groundwork.groups.models import Group
from groundwork.groups.rules import is_coordinator, organises_group, roles_of


class PagePart(TypedDict):
    districts: list[str]
    sections: str  # HTML, escaped by the sections' templates
    changes_at: datetime | None


def audience_of(user, group: Group) -> str:
    """The kind of reader `user` is on `group`'s page, as far as its sections may tell readers
    apart (`hooks.group_sections`): "organising" (with two-factor authentication), "member",
    "alliance" (a member of another group, or a coordinator) or "public" (anyone else)."""
    roles = roles_of(user)
    if group.pk in roles:
        # Who organises is the rule's to say (groups.rules), not spelled out here by role.
        return "organising" if organises_group(user, group) else "member"
    if roles or is_coordinator(user):
        return "alliance"
    return "public"


def page_part(request: HttpRequest, group: Group) -> PagePart:
    """The group's districts and sections as `request.user` may see them (from the cache, kept
    for readers of their kind)."""
    return GROUP_PAGES.get_or_build(
        lambda: _build(request, group),
        part=group.pk,
        variant=audience_of(request.user, group),
        fresh_until=lambda built: built["changes_at"],
    )


def sections_html(part: PagePart) -> SafeString:
    return mark_safe(part["sections"])  # noqa: S308 (each section's template escaped its own)


def _build(request: HttpRequest, group: Group) -> PagePart:
    sections, changes_at = draw_sections(section(request, group) for section in group_sections)
    districts = list(group.postcode_districts.values_list("district", flat=True))
    return {"districts": districts, "sections": sections, "changes_at": changes_at}

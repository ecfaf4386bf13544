"""What a group's page shows besides its own record: its organisers, its postcode districts and
the sections other apps add (`hooks.group_sections`).

For a visitor who is not signed in, the districts and the sections are the same for every such
visitor, so they are kept in the cache per group and language (`hooks.GROUP_PAGES`) until an
action changes what they show (`hooks.group_page_changed`) or the first of the sections' moments
of change by time alone (`changes_at`) comes. That copy is built from a signed-out visitor's
request and served to signed-out visitors alone: members, organisers and coordinators, who may see
more, get theirs built afresh at each request. The organisers' names are read at each request:
a name changes through the members' own pages, which know nothing of group pages.
"""

from datetime import datetime
from typing import TypedDict

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

from groundwork.core.fragments import draw_sections
from groundwork.groups.hooks import GROUP_PAGES, group_sections
from groundwork.groups.models import Group


class PagePart(TypedDict):
    districts: list[str]
    sections: str  # HTML, escaped by the sections' templates
    changes_at: datetime | None


def page_part(request: HttpRequest, group: Group) -> PagePart:
    """The group's districts and sections as `request.user` may see them (from the cache for a
    visitor who is not signed in)."""
    if request.user.is_authenticated:
        return _build(request, group)
    return GROUP_PAGES.get_or_build(
        lambda: _build(request, group),
        part=group.pk,
        fresh_until=lambda built: built["changes_at"],
    )


def sections_html(part: PagePart) -> SafeString:
    return mark_safe(part["sections"])  # noqa: S308 (each section's template escaped its own)


def _build(request: HttpRequest, group: Group) -> PagePart:
    sections, changes_at = draw_sections(section(request, group) for section in group_sections)
    districts = list(group.postcode_districts.values_list("district", flat=True))
    return {"districts": districts, "sections": sections, "changes_at": changes_at}

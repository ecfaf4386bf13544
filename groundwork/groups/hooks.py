"""Named hooks of the groups app, for apps further right to connect to in their reactions.py.

`member_joined` is sent inside the action that made someone a member (joining an open group, an
approved request, an accepted invitation, an organiser appointed), in its transaction. Arguments:
`membership` (Membership), `acting_user` (User, or None for an organiser appointed by the system).

`member_left` is sent inside the action that ended a membership (leaving or removal), in its
transaction, before the membership row is deleted. Arguments: `membership` (Membership),
`acting_user` (User). A receiver undoes what only a member of that group may keep.

`group_sections`: each app that has something to show on a group's page registers a function
`section(request, group) -> (template name, context) | None` with `add_group_section`, from its
`reactions.py`. The page shows the sections in ascending `order` (an optional argument,
`add_group_section(order=20)`; 100 if not given), and those of equal order in the order the apps
are installed. The template gets the context as `section`. A section asks a fixed number of
queries and returns None when it has nothing to show. The orders in use: upcoming events 10,
proposals and ballots 20, campaigns 30, projects needing volunteers 40, decisions 50, the action
plan 60, targets 100.

A section's template gets `section` alone, not the page's context, and the sections are kept in
the cache per group, language and kind of reader (`GROUP_PAGES`, one variant per kind that
`views.group_page.audience_of` tells apart: "public", "alliance", "member", "organising"): a section
may depend on nothing else of the request than that kind, never on who the reader is (their own
answers, drafts or votes belong on pages of their own). So every app whose section shows
something calls `group_page_changed(group_id)` in each action that changes it
(`every_group_page_changed()` when a change reaches every group's page), and a section whose
content changes with time alone (an event ends, a shift starts) names in its context the moment
it will next change, as `changes_at` (a datetime). The apps that call it: events, campaigns,
projects, democracy (proposals, ballots and decisions), aims (the action plan's progress) and
outcomes (for targets and areas), and groups itself (its postcode districts).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, overload

from django.dispatch import Signal
from django.http import HttpRequest
from django.utils.functional import Promise

from groundwork.core.fragments import Fragment
from groundwork.members.hooks import every_home_changed

member_joined = Signal()
member_left = Signal()

GroupSection = Callable[[HttpRequest, Any], tuple[str, dict[str, Any]] | None]
group_sections: list[GroupSection] = []
_section_orders: dict[GroupSection, int] = {}


# Ten minutes bound a change made outside the actions (the admin, a hand-edited row). The sections
# of a group's action plan (aims.views, `aims.hooks.plan_sections`) are kept in the same parts, in
# variants of their own ("plan-organising", "plan-member"): `group_page_changed` renews them too.
GROUP_PAGES = Fragment("groups:page", timeout=600)


def group_page_changed(group_id: int | None) -> None:
    """What the page of group `group_id` shows its readers may have changed: the next request
    after the commit builds it afresh, for every kind of reader, and so does the home page of
    each of its members, which is kept under the group page's version. None is the alliance,
    which has no page: what it shows (its ballots and events) is on every member's home page."""
    if group_id is not None:
        GROUP_PAGES.invalidate(group_id)
    else:
        every_home_changed()


def every_group_page_changed() -> None:
    """The same for every group's page at once (figures imported for every area)."""
    GROUP_PAGES.invalidate()


@overload
def add_group_section(section: GroupSection, *, order: int = 100) -> GroupSection: ...
@overload
def add_group_section(*, order: int = 100) -> Callable[[GroupSection], GroupSection]: ...
def add_group_section(
    section: GroupSection | None = None, *, order: int = 100
) -> GroupSection | Callable[[GroupSection], GroupSection]:
    """Register a section of a group's page at `order` (once, however often it is imported)."""
    if section is None:
        return lambda later: add_group_section(later, order=order)
    if section not in group_sections:
        _section_orders[section] = order
        group_sections.append(section)
        # sorted() is stable: sections of equal order keep the order the apps are installed.
        group_sections.sort(key=_section_orders.__getitem__)
    return section


# --- Mailing segments ---------------------------------------------------------------------------
# `mailing_segments`: who an organiser can email besides the whole group. Each app registers a
# `MailingSegment` with `add_mailing_segment` from its `reactions.py` (events: going to an event;
# projects: volunteers of a project; democracy: not yet voted in an open ballot). `choices(group)`
# lists (parameter, label) pairs the organiser picks from, in one query; `user_ids(group,
# parameter)` is a queryset of user ids (`.values("user_id")`-like, one column) that the mailing
# narrows to the group's current members; it answers None when the parameter is not one of the
# group's. Neither may reveal an address.


@dataclass(frozen=True)
class MailingSegment:
    key: str
    label: str | Promise
    choices: Callable[[Any], list[tuple[str, str]]]
    user_ids: Callable[[Any, str], Any]
    order: int = 100


mailing_segments: dict[str, MailingSegment] = {}


def add_mailing_segment(segment: MailingSegment) -> MailingSegment:
    """Register a segment organisers can email (once, however often it is imported)."""
    mailing_segments[segment.key] = segment
    return segment

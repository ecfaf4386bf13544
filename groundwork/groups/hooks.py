"""Named hooks of the groups app, for apps further right to connect to in their reactions.py.

`member_joined` is sent inside the action that made someone a member (joining an open group, an
approved request, an accepted invitation, an organiser appointed), in its transaction. Arguments:
`membership` (Membership), `acting_user` (User, or None for an organiser appointed by the system).

`member_left` is sent inside the action that ended a membership (leaving or removal), in its
transaction, before the membership row is deleted. Arguments: `membership` (Membership),
`acting_user` (User). A receiver undoes what only a member of that group may keep.

`group_sections`: each app that has something to show on a group's page registers a function
`section(request, group) -> (template name, context) | None` with `add_group_section`, from its
`reactions.py`. The page shows the sections after the group's events, in the order the apps are
installed; the template gets the context as `section`. A section asks a fixed number of queries.
"""

from collections.abc import Callable
from typing import Any

from django.dispatch import Signal
from django.http import HttpRequest

member_joined = Signal()
member_left = Signal()

GroupSection = Callable[[HttpRequest, Any], tuple[str, dict[str, Any]] | None]
group_sections: list[GroupSection] = []


def add_group_section(section: GroupSection) -> GroupSection:
    """Register a section of a group's page (once, however often it is imported)."""
    if section not in group_sections:
        group_sections.append(section)
    return section

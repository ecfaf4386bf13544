"""Named hooks of the members app, for apps further right to connect to (see STYLE.md).

`home_sections`: each app that has something for a member's home page registers a function
`section(request) -> (template name, context) | None` with `add_home_section`, from its
`reactions.py`. The home page shows the sections in ascending `order` (an optional argument,
`add_home_section(order=20)`; 100 if not given), those of equal order in the order the apps are
installed. The orders in use: unread notifications 10, groups 20, events 30, ballots 40, shifts
50, tasks 60, the platform 70.

`landing_sections`: the same for the page everyone sees first, signed out (`add_landing_section`):
what the movement stands for, what is on, what it has won, where its groups are. The orders in use:
the aims 10, the map of the groups 20, events 30, campaigns and wins 40.

A section asks a fixed number of queries, whatever the size of the alliance. The template gets the
context as `section` (and nothing of the page's). A home section shows an empty state with a next
step rather than nothing.

The landing sections as a visitor who is not signed in and asked for no place (`?near=`) sees
them are kept in the cache (`LANDING`, per language), so each app whose landing section shows
something calls `landing_changed()` in every action that changes it: aims (the platform edited),
events (an event created, edited or cancelled), campaigns (a campaign started or changed, a
petition saved or a signature counted, a milestone), groups (a group's name or place: the map).
A landing section whose content changes with time alone puts the moment it next changes in its
context as `changes_at` (a datetime): the events, when the first of them is over.

The home sections are kept too, per member and language (`kept_home`): what they show is the
member's own, so a copy is only ever read back for the member it was drawn for. A copy is taken
while none of the versions it was stored under has moved: the member's own version
(`member_home_changed(user_id, ...)`, which every action that changes what is theirs calls:
their answers to events, votes, places on rotas, tasks, notifications, adopting the platform,
requests to join, their name), every member's (`every_home_changed()`: what the whole alliance
sees, its ballots and events), and those that apps add with `add_home_dependency` (groups: the
version of each of the member's groups' pages, which every change to what a group shows renews,
and the member's groups and roles themselves). A home section whose content changes with time
alone puts the moment in its context as `changes_at`, as a landing section does. The sections'
templates get `section` alone: nothing of the request (no CSRF token, no bell), which stay per
request on the page around them.
"""

import functools
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, cast, overload

from django.core.cache import cache
from django.db import transaction
from django.dispatch import Signal
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language

from groundwork.core.fragments import Fragment, draw_sections

HomeSection = Callable[[HttpRequest], tuple[str, dict[str, Any]] | None]
home_sections: list[HomeSection] = []
landing_sections: list[HomeSection] = []
_section_orders: dict[HomeSection, int] = {}


# Ten minutes bound a change made outside the actions (the admin, a hand-edited row).
LANDING = Fragment("members:landing", timeout=600)


def landing_changed() -> None:
    """What a signed-out visitor sees on the first page may have changed: the next request after
    the commit builds it afresh."""
    LANDING.invalidate()


# --- The member's home page, kept per member -----------------------------------------------------

# Ten minutes bound a change made outside the actions (the admin, a hand-edited row).
HOME_TIMEOUT = 600
EVERY_HOME_VERSION = "groundwork:home:version"
HomeDependency = Callable[[HttpRequest], tuple[list[str], object]]
home_dependencies: list[HomeDependency] = []


def member_version_key(user_id: int) -> str:
    return f"groundwork:home:member:{user_id}:version"


def kept_home_key(user_id: int) -> str:
    return f"groundwork:home:member:{user_id}:{get_language() or '-'}"


def add_home_dependency(dependency: HomeDependency) -> HomeDependency:
    """Register `dependency(request) -> (version keys, value)`: the kept home sections are read
    back only while those cache keys hold the versions, and the value is equal, that they had
    when the copy was drawn (once, however often imported)."""
    if dependency not in home_dependencies:
        home_dependencies.append(dependency)
    return dependency


def member_home_changed(*user_ids: int | None) -> None:
    """What the home page shows each of these members may have changed: their next visit after
    the current transaction commits draws it afresh (at once outside a transaction)."""
    keys = {member_version_key(user_id) for user_id in user_ids if user_id is not None}
    if keys:
        transaction.on_commit(functools.partial(renew_versions, keys), robust=True)


def every_home_changed() -> None:
    """The same for every member at once (an alliance-wide ballot or event)."""
    transaction.on_commit(functools.partial(renew_versions, {EVERY_HOME_VERSION}), robust=True)


def forget_home(*user_ids: int) -> None:
    """Start new versions now (a test that wrote rows without the actions)."""
    renew_versions({member_version_key(user_id) for user_id in user_ids} or {EVERY_HOME_VERSION})


def renew_versions(keys: Iterable[str]) -> None:
    """Give each of these version keys a new version (after a commit)."""
    cache.set_many({key: uuid.uuid4().hex for key in keys}, timeout=None)


def kept_home(request: HttpRequest) -> str:
    """The HTML of the member's home sections: their kept copy while it is current (one cache
    round trip), else drawn afresh and kept until something it shows changes."""
    user_id = cast(int, request.user.pk)  # the home page is for signed-in members alone
    keys = [EVERY_HOME_VERSION, member_version_key(user_id)]
    values = []
    for dependency in home_dependencies:
        more_keys, value = dependency(request)
        keys.extend(more_keys)
        values.append(value)
    copy_key = kept_home_key(user_id)
    found = cache.get_many([*keys, copy_key])
    stamp = ([found.get(key) for key in keys], values)
    stored = found.get(copy_key)
    if stored is not None and None not in stamp[0] and stored[0] == stamp:
        return stored[1]
    for index, key in enumerate(keys):
        if stamp[0][index] is None:
            # First use, or the cache lost the version: start a new one (never reuse one).
            stamp[0][index] = uuid.uuid4().hex
            if not cache.add(key, stamp[0][index], timeout=None):
                return _draw_home(request)[0]  # another request started one at the same moment
    html, changes_at = _draw_home(request)
    timeout = HOME_TIMEOUT
    if changes_at is not None:
        # Whole seconds, rounded down: the copy goes a little early, never late.
        timeout = min(timeout, int((changes_at - timezone.now()).total_seconds()))
    if timeout > 0:
        cache.set(copy_key, (stamp, html), timeout=timeout)
    return html


def _draw_home(request: HttpRequest) -> tuple[str, datetime | None]:
    return draw_sections(section(request) for section in home_sections)


def _register(sections: list[HomeSection], section: HomeSection, order: int) -> HomeSection:
    if section not in sections:
        _section_orders[section] = order
        sections.append(section)
        # sorted() is stable: sections of equal order keep the order the apps are installed.
        sections.sort(key=_section_orders.__getitem__)
    return section


# --- Data rights (UK GDPR articles 15, 17 and 20) ---------------------------------------------
#
# `personal_data_exporters`: each app that holds something about a member registers a function
# `exporter(user) -> {section name: [row, ...]}` with `add_personal_data_exporter`, from its
# `reactions.py`. A row is a flat dict of plain values (str, int, bool, None; dates as ISO text);
# each section becomes `<section>.json` and `<section>.csv` in the member's download. An exporter
# returns only what is about `user` and never anything that names someone else, and asks a
# fixed number of queries. A secret ballot's exporter says that the member took part, never how.
#
# `member_erased` is sent inside `members.actions.rights.check_erase_member`, in its transaction,
# while the user still has their name and email (so a receiver can find rows keyed by them).
# Arguments: `user` (User). A receiver deletes what is only about the member (answers, places,
# consents), and strips their name, email and postcode from what the group keeps (a signature
# still counts, a vote still stands, a proposal is shown as by "a former member"). The user row
# itself stays, renamed, so every foreign key to it keeps its meaning without naming anyone.

PersonalDataExporter = Callable[[Any], dict[str, list[dict[str, Any]]]]
personal_data_exporters: list[PersonalDataExporter] = []

member_erased = Signal()

# `member_renamed` is sent inside every action that saves a member's name (`display_name`:
# signing up, the profile; the admin when it changes it), in its transaction, after the user row
# is saved.
# Arguments: `user` (User, with the new name). A receiver updates the copies of the name an app
# keeps to sort by it (groups: Membership.member_name, the member list's order).

member_renamed = Signal()


def add_personal_data_exporter(exporter: PersonalDataExporter) -> PersonalDataExporter:
    """Register an app's part of a member's data download (once, however often imported)."""
    if exporter not in personal_data_exporters:
        personal_data_exporters.append(exporter)
    return exporter


@overload
def add_home_section(section: HomeSection, *, order: int = 100) -> HomeSection: ...
@overload
def add_home_section(*, order: int = 100) -> Callable[[HomeSection], HomeSection]: ...
def add_home_section(
    section: HomeSection | None = None, *, order: int = 100
) -> HomeSection | Callable[[HomeSection], HomeSection]:
    """Register a section of the member's home page (once, however often it is imported)."""
    if section is None:
        return lambda later: _register(home_sections, later, order)
    return _register(home_sections, section, order)


@overload
def add_landing_section(section: HomeSection, *, order: int = 100) -> HomeSection: ...
@overload
def add_landing_section(*, order: int = 100) -> Callable[[HomeSection], HomeSection]: ...
def add_landing_section(
    section: HomeSection | None = None, *, order: int = 100
) -> HomeSection | Callable[[HomeSection], HomeSection]:
    """Register a section of the signed-out home page (once, however often it is imported)."""
    if section is None:
        return lambda later: _register(landing_sections, later, order)
    return _register(landing_sections, section, order)

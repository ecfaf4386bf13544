"""Named hooks of the aims app, for apps further right to connect to in their reactions.py.

`rollup_sources`: the alliance's roll-up of each objective counts what other apps link to it
(events, campaigns, projects…). Each such app registers a function
`source(objective_ids) -> {objective_id: {label: count}}` with `add_rollup_source`; the function
must answer in a fixed number of queries (one, usually) whatever the number of groups. The
roll-up is kept in the cache (`ROLLUP`): every action that changes what a source counts (an
objective linked or unlinked, a status that the source filters on, a row created or deleted)
calls `rollup_changed()`, and the next request counts afresh.

`plan_sections`: each app that has something to show in a group's action plan registers a
function `section(request, group) -> (template name, context) | None` with `add_plan_section`,
from its `reactions.py`. The plan's page (members only, `aims.view_actionplan`) shows the sections
after the adopted objectives, in the order the apps are installed; the template gets the context
as `section`, and nothing else of the page's. A section asks a fixed number of queries.

The sections are kept in the cache with the group's page (`groups.hooks.GROUP_PAGES`), per group,
language and kind of reader: the organisers, who may change the plan, and the other members. So
a section may depend on nothing else of the request than that kind, and every app whose section
shows something calls `groups.hooks.group_page_changed(group_id)` in each action that changes it,
as it does for the group's page (outcomes: the targets; aims itself: an objective's title).

`platform_edited` is sent inside the action that saved a new version of an aim or objective
(`do_edit_plank`), in its transaction, once per version saved. Arguments: `plank` (Aim or
Objective, as saved). Apps that keep pages showing objectives' titles (an event's, a campaign's)
renew them from it.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.dispatch import Signal
from django.http import HttpRequest

from groundwork.core.fragments import Fragment

platform_edited = Signal()

RollupSource = Callable[[Iterable[int]], dict[int, dict[str, int]]]
rollup_sources: list[RollupSource] = []


def add_rollup_source(source: RollupSource) -> RollupSource:
    """Register a source of roll-up counts (once, however often it is imported)."""
    if source not in rollup_sources:
        rollup_sources.append(source)
    return source


# The counts of the roll-up page, the same for everyone who may see it. Invalidated on commit by
# `rollup_changed()`, which these actions call: aims (the platform edited, an objective adopted, a
# task added, edited, set done or deleted), events (created, updated, cancelled), projects (created,
# updated), campaigns (created, updated), outcomes (a target set, updated or deleted, figures
# imported). The ten minutes bound a change made any other way (the admin, a deletion cascading
# from a group).
ROLLUP = Fragment("aims:rollup", timeout=600)


def rollup_changed() -> None:
    """What the roll-up counts has changed: count afresh after this transaction commits."""
    ROLLUP.invalidate()


PlanSection = Callable[[HttpRequest, Any], tuple[str, dict[str, Any]] | None]
plan_sections: list[PlanSection] = []


def add_plan_section(section: PlanSection) -> PlanSection:
    """Register a section of a group's action plan (once, however often it is imported)."""
    if section not in plan_sections:
        plan_sections.append(section)
    return section

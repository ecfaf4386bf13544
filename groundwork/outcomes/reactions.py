"""How the outcomes app connects to hooks of the apps to its left: a group's targets and their
progress on the group's page and in its action plan, and in the alliance's roll-up."""

from collections import Counter
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from groundwork.aims.hooks import add_plan_section, add_rollup_source
from groundwork.groups.hooks import add_group_section
from groundwork.groups.models import Group
from groundwork.outcomes import queries
from groundwork.outcomes.metrics import Standing
from groundwork.outcomes.models import Target

# --- targets ---


@add_group_section(order=100)
def group_targets(request: HttpRequest, group: Group) -> tuple[str, dict[str, Any]] | None:
    """The group's areas, each linked to its figures, and its targets with their progress (three
    queries at most); for its organisers, a prompt to set one when there are none."""
    if not request.user.has_perm("outcomes.see_targets", group):
        return None
    rows = queries.rows_of(queries.targets_of(group))
    may_set = request.user.has_perm("outcomes.set_target", group)
    areas = queries.areas_of(group)
    if not rows and not may_set and not areas:
        return None
    context = {"group": group, "rows": rows, "may_set": may_set, "areas": areas}
    return "outcomes/_group_targets.html", context


@add_plan_section
def plan_targets(request: HttpRequest, group: Group) -> tuple[str, dict[str, Any]] | None:
    """The group's targets in its action plan, each with its objective and progress (one query)."""
    rows = queries.rows_of(queries.targets_of(group))
    may_set = request.user.has_perm("outcomes.set_target", group)
    if not rows and not may_set:
        return None
    return "outcomes/_plan_targets.html", {"group": group, "rows": rows, "may_set": may_set}


@add_rollup_source
def targets_per_objective(objective_ids) -> dict[int, dict[str, int]]:
    """How many groups' targets work towards each objective, and how many are met or on track
    (one query, each target with its latest figure)."""
    targets = queries.with_latest_figures(
        Target.objects.filter(objective_id__in=list(objective_ids)).select_related("indicator")
    ).order_by()
    counts: dict[int, Counter] = {}
    for target in targets:
        counts.setdefault(target.objective_id, Counter())[queries.progress_of(target).standing] += 1
    labels = [(_("Targets met"), Standing.MET), (_("Targets on track"), Standing.ON_TRACK)]
    answer = {}
    for objective_id, standings in counts.items():
        answer[objective_id] = {_("Targets"): standings.total()}
        answer[objective_id] |= {label: standings[s] for label, s in labels if standings[s]}
    return answer

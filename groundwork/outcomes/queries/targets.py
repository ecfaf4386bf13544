"""Reading a group's areas and targets, each target with its latest figure, in fixed queries."""

import functools
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from groundwork.groups.models import Group
from groundwork.outcomes.metrics import (
    Figure,
    Progress,
    aims_the_better_way,
    change_percent_of,
    progress,
)
from groundwork.outcomes.models import Area, GroupArea, Indicator, Observation, Target


def areas_of(group: Group) -> list[Area]:
    """The areas the group works in: those its organisers chose, or else the area of its ONS
    code (one query, which fetches both and keeps the chosen ones if there are any)."""
    links = GroupArea.objects.filter(group=group)
    wanted = Q(pk__in=links.values("area_id"))
    if group.ons_code:
        wanted |= Q(gss_code=group.ons_code)
    rows: list[Area] = list(
        Area.objects.filter(wanted)
        .annotate(is_chosen=Exists(links.filter(area=OuterRef("pk"))))
        .order_by("name", "gss_code")
    )
    chosen = [area for area in rows if area.is_chosen]  # type: ignore[attr-defined]
    return chosen if chosen else rows  # none chosen: only the area of its ONS code was fetched


def area_choices_for(group: Group) -> QuerySet[Area]:
    """The areas an organiser may choose for the group: the area of its ONS code, that area's
    wards and districts, and any area already chosen."""
    chosen = Q(pk__in=GroupArea.objects.filter(group=group).values("area_id"))
    if group.ons_code:
        chosen |= Q(gss_code=group.ons_code) | Q(parent__gss_code=group.ons_code)
    return Area.objects.filter(chosen).order_by("level", "name", "gss_code")


def latest_published(indicator: Indicator, area: Area) -> Observation | None:
    """The newest figure published for the indicator in the area, suppressed ones left out."""
    return (
        Observation.objects.filter(indicator=indicator, area=area, value__isnull=False)
        .order_by("-period_start", "-period_end")
        .first()
    )


def indicators_with_figures_in(areas: list[Area]) -> QuerySet[Indicator]:
    """Indicators with at least one published (not suppressed) figure in one of the areas."""
    with_figures = Observation.objects.filter(area__in=areas, value__isnull=False)
    return Indicator.objects.filter(pk__in=with_figures.values("indicator_id")).order_by("name")


def with_latest_figures(targets: QuerySet[Target]) -> QuerySet[Target]:
    """The targets, each annotated with its newest figure (suppressed or not) and the last day
    of its baseline's period, in the same one query."""
    newest = Observation.objects.filter(
        indicator=OuterRef("indicator_id"), area=OuterRef("area_id")
    ).order_by("-period_start", "-period_end")
    baseline = Observation.objects.filter(
        indicator=OuterRef("indicator_id"),
        area=OuterRef("area_id"),
        period=OuterRef("baseline_period"),
    )
    return targets.annotate(
        latest_period=Subquery(newest.values("period")[:1]),
        latest_value=Subquery(newest.values("value")[:1]),
        latest_status=Subquery(newest.values("status")[:1]),
        latest_end=Subquery(newest.values("period_end")[:1]),
        baseline_end=Subquery(baseline.values("period_end")[:1]),
    )


@functools.cache
def _targets_with_figures() -> QuerySet[Target]:
    """Every target with its figures and what its page shows, never evaluated itself: resolving
    the five subqueries costs milliseconds of Python, which a group's page paid on every
    request (even for a group with no target); each use filters a clone of this one."""
    return with_latest_figures(
        Target.objects.select_related("area", "indicator", "objective")
    ).order_by("by_date", "id")


def targets_of(group: Group) -> QuerySet[Target]:
    """The group's targets, soonest first, with what their page shows (one query)."""
    return _targets_with_figures().filter(group=group)


def get_target_in(group: Group, pk: int) -> Target:
    """One of the group's targets, or 404 (a target of another group is missing here)."""
    try:
        return targets_of(group).get(pk=pk)
    except Target.DoesNotExist:
        raise Http404("No such target.") from None


def progress_of(target: Target) -> Progress:
    """The target's progress, from a target fetched through `with_latest_figures`."""
    annotated: Any = target  # the annotations of `with_latest_figures`
    latest = None
    if getattr(annotated, "latest_period", None) is not None:
        latest = Figure(
            period=annotated.latest_period,
            value=annotated.latest_value,
            provisional=annotated.latest_status == Observation.Status.PROVISIONAL,
            period_end=annotated.latest_end,
        )
    better = target.indicator.better
    if not aims_the_better_way(
        better=better, baseline=target.baseline_value, target=target.target_value
    ):
        # The indicator's better direction was changed since: the target still says its aim.
        better = "neither"
    return progress(
        baseline=target.baseline_value,
        baseline_period=target.baseline_period,
        target=target.target_value,
        better=better,
        latest=latest,
        baseline_end=getattr(annotated, "baseline_end", None),
        by_date=target.by_date,
    )


@dataclass(frozen=True)
class TargetRow:
    """A target and its progress, as pages show them."""

    target: Target
    progress: Progress

    @property
    def baseline(self) -> str:
        return figure(self.target.baseline_value)

    @property
    def aim(self) -> str:
        return figure(self.target.target_value)

    @property
    def latest(self) -> str:
        latest = self.progress.latest
        return figure(latest.value) if latest and latest.value is not None else ""

    @property
    def change(self) -> str:
        """The size of the change the target asks for, in per cent ("10"), or "" from a
        baseline of 0; `falls` says which way."""
        change = change_percent_of(self.target.baseline_value, self.target.target_value)
        return "" if change is None else figure(abs(round(change, 1)))

    @property
    def falls(self) -> bool:
        return self.target.target_value < self.target.baseline_value

    @property
    def tone(self) -> str:
        """The status colour the standing is shown in (the stylesheet's task colours)."""
        return {"met": "done", "on_track": "done", "not_yet": "doing"}.get(
            self.progress.standing, "lost"
        )


def plain(value: Decimal) -> str:
    """A figure with no trailing zeros and no exponent, as typed in a form ("11110.5")."""
    normal = value.normalize()
    if normal == normal.to_integral_value():
        normal = normal.quantize(Decimal(1))
    return f"{normal:f}"


def figure(value: Decimal) -> str:
    """A figure as people read it: thousands separated, no trailing zeros ("11,110.5")."""
    return f"{Decimal(plain(value)):,f}"


def rows_of(targets) -> list[TargetRow]:
    """Each target (fetched through `with_latest_figures`) with its progress."""
    return [TargetRow(target, progress_of(target)) for target in targets]

"""Ranking areas by an indicator at its latest period, for the indicator's page and the alliance
dashboard: every comparable area, each with its rank and whether a group works there. Indices
not comparable across nations are ranked within each nation, each nation at its own latest
period. Two queries (the latest periods, then the figures), ranked here in Python."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.http import Http404

from groundwork.outcomes.models import Area, GroupArea, Indicator, Observation
from groundwork.outcomes.queries.areas import LEVELS


@dataclass
class Ranked:
    """An area's figure at the ranking's period and its rank (None when suppressed)."""

    observation: Observation
    rank: int | None
    has_group: bool

    @property
    def area(self) -> Area:
        return self.observation.area


@dataclass
class Ranking:
    """The comparable areas for one indicator, best first, suppressed figures last."""

    indicator: Indicator
    nation: str  # "" where areas of every nation are ranked together
    period: str
    rows: list[Ranked]

    @property
    def out_of(self) -> int:
        return sum(1 for row in self.rows if row.rank is not None)

    @property
    def nation_label(self) -> str:
        return str(Area.Nation(self.nation).label) if self.nation else ""

    def in_need(self) -> list[Ranked]:
        """The worse half of the ranking, greatest need first (the whole ranking, as ranked,
        where no direction is better)."""
        if self.indicator.better == Indicator.Better.NEITHER:
            return self.by_need()
        return [row for row in self.by_need() if row.rank and row.rank > self.out_of / 2]

    def by_need(self) -> list[Ranked]:
        """Ranked rows, greatest need first (worst first); as ranked where no direction is
        better, since then there is no need to speak of."""
        ranked = [row for row in self.rows if row.rank is not None]
        if self.indicator.better == Indicator.Better.NEITHER:
            return ranked
        return list(reversed(ranked))


def competition_ranks(
    values: Iterable[Decimal | int | None], *, lower_is_better: bool
) -> list[int | None]:
    """Standard competition ranks ("1, 2, 2, 4"), 1 the best; None for a missing value."""
    values = list(values)
    present = sorted((value for value in values if value is not None), reverse=not lower_is_better)
    first_place: dict[Decimal | int, int] = {}
    for place, value in enumerate(present, start=1):
        first_place.setdefault(value, place)
    return [None if value is None else first_place[value] for value in values]


def comparable_figures(indicator: Indicator) -> QuerySet[Observation]:
    """The indicator's figures for the areas of the levels it is published for."""
    levels = LEVELS.get(indicator.geography, ())
    return Observation.objects.filter(indicator=indicator, area__level__in=levels)


def rankings_of(indicator: Indicator) -> list[Ranking]:
    """One ranking (one per nation where scores are not comparable across nations)."""
    figures = comparable_figures(indicator)
    if indicator.comparable_within_nation_only:
        latest = figures.values("area__nation").annotate(start=Max("period_start")).order_by()
        periods = {row["area__nation"]: row["start"] for row in latest}
    else:
        start = figures.aggregate(start=Max("period_start"))["start"]
        periods = {"": start} if start else {}
    if not periods:
        return []
    condition = Q()
    for nation, start in periods.items():
        condition |= Q(period_start=start, **({"area__nation": nation} if nation else {}))
    rows = (
        figures.filter(condition)
        .select_related("area")
        .annotate(has_group=Exists(GroupArea.objects.filter(area=OuterRef("area"))))
        .order_by("area__name", "area__gss_code")
    )
    by_nation: dict[str, list[Observation]] = {nation: [] for nation in periods}
    for observation in rows:
        by_nation[
            observation.area.nation if indicator.comparable_within_nation_only else ""
        ].append(observation)
    order = [nation for nation in Area.Nation.values if nation in by_nation] or [""]
    return [_rank(indicator, nation, by_nation[nation]) for nation in order if by_nation[nation]]


def _rank(indicator: Indicator, nation: str, observations: list[Observation]) -> Ranking:
    ranks = competition_ranks(
        (o.value for o in observations), lower_is_better=indicator.better == Indicator.Better.LOWER
    )
    rows = [
        Ranked(observation, rank, bool(getattr(observation, "has_group", False)))
        for observation, rank in zip(observations, ranks, strict=True)
    ]
    # Best first, ties by name; suppressed figures after every ranked one.
    rows.sort(key=lambda row: (row.rank is None, row.rank or 0))
    return Ranking(indicator, nation, observations[0].period, rows)


def groups_by_area(area_ids: Iterable[int]) -> dict[int, list]:
    """{area id: the groups working there, by name}, in one query."""
    found: dict[int, list] = {}
    links = (
        GroupArea.objects.filter(area_id__in=list(area_ids))
        .select_related("group")
        .order_by("group__name")
    )
    for link in links:
        found.setdefault(link.area_id, []).append(link.group)
    return found


def dashboard_indicators() -> QuerySet[Indicator]:
    """The indicators a coordinator may rank areas by, by name."""
    return Indicator.objects.order_by("name")


def get_indicator(slug: str) -> Indicator:
    """The indicator with this slug (public), or 404."""
    try:
        return Indicator.objects.get(slug=slug)
    except Indicator.DoesNotExist:
        raise Http404("No such indicator.") from None

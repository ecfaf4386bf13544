"""Reading areas and their figures for the public pages: the index, an area's figures with the
national figure beside them and its rank among comparable areas, its neighbours in time
(predecessors, successors) and the groups working there. Every page reads a fixed number of
queries, whatever the number of indicators and years."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from groundwork.groups.models import Group
from groundwork.outcomes.models import Area, Indicator, Observation, Succession

UK_CODE = "K02000001"
# The national figure an area is compared with: its own nation's, where published.
NATION_CODES: dict[str, str] = {
    Area.Nation.ENGLAND: "E92000001",
    Area.Nation.WALES: "W92000004",
    Area.Nation.SCOTLAND: "S92000003",
    Area.Nation.NORTHERN_IRELAND: "N92000002",
}
# The levels an indicator's figures are published for: unitary authorities are both tiers.
LEVELS: dict[str, tuple[str, ...]] = {
    Indicator.Geography.DISTRICT: (Area.Level.DISTRICT, Area.Level.UNITARY),
    Indicator.Geography.UPPER_TIER: (Area.Level.UPPER_TIER, Area.Level.UNITARY),
    Indicator.Geography.WARD: (Area.Level.WARD,),
}


def areas(search: str = "", nation: str = "") -> QuerySet[Area]:
    """Areas whose name (English or Welsh) contains `search`, in `nation` if one is given."""
    found = Area.objects.all()
    search = search.strip()
    if search:
        found = found.filter(
            Q(name__icontains=search) | Q(name_cy__icontains=search) | Q(gss_code__iexact=search)
        )
    if nation in Area.Nation.values:
        found = found.filter(nation=nation)
    return found.order_by("name", "gss_code")


def get_area(gss_code: str) -> Area:
    """The area with this GSS code (public), or 404."""
    try:
        return Area.objects.select_related("parent").get(gss_code=gss_code.upper())
    except Area.DoesNotExist:
        raise Http404("No such area.") from None


@dataclass
class Figure:
    """One indicator for an area: its figures over time, the comparator's, and its rank."""

    indicator: Indicator
    history: list[Observation]
    comparator: Area | None = None
    national: list[Observation] = field(default_factory=list)
    rank: int | None = None
    out_of: int | None = None
    # The nation of every area ranked, when they are all of one ("" when of several).
    ranked_in: str = ""

    @property
    def latest(self) -> Observation:
        return self.history[-1]


def figures_for(area: Area) -> list[Figure]:
    """Every indicator with a figure for the area, by name, with its history in period order,
    the national figure and the area's rank at its latest period: three queries."""
    figures: dict[int, Figure] = {}
    observations = (
        Observation.objects.filter(area=area)
        .select_related("indicator")
        .order_by("indicator__name", "indicator_id", "period_start", "period")
    )
    for observation in observations:
        figure = figures.get(observation.indicator_id)
        if figure is None:
            figure = figures[observation.indicator_id] = Figure(observation.indicator, [])
        figure.history.append(observation)
    if figures:
        _add_national(area, figures)
        _add_ranks(area, list(figures.values()))
    return list(figures.values())


def _add_national(area: Area, figures: dict[int, Figure]) -> None:
    """The area's own nation's figure where there is one, else the UK's; never the area itself."""
    codes = [code for code in (NATION_CODES.get(area.nation), UK_CODE) if code]
    codes = [code for code in codes if code != area.gss_code]
    national = (
        Observation.objects.filter(area__gss_code__in=codes, indicator_id__in=list(figures))
        .select_related("area")
        .order_by("period_start", "period")
    )
    by_code: dict[tuple[int, str], list[Observation]] = {}
    for observation in national:
        by_code.setdefault((observation.indicator_id, observation.area.gss_code), []).append(
            observation
        )
    for indicator_id, figure in figures.items():
        for code in codes:
            history = by_code.get((indicator_id, code))
            if history:
                figure.comparator, figure.national = history[0].area, history
                break


def comparable(indicator: Indicator, area: Area) -> Q | None:
    """The areas `area` is ranked among for `indicator` (None if it is not of a ranked level)."""
    levels = LEVELS.get(indicator.geography, ())
    if area.level not in levels:
        return None
    condition = Q(area__level__in=levels)
    if indicator.comparable_within_nation_only:
        condition &= Q(area__nation=area.nation)
    return condition


def _add_ranks(area: Area, figures: list[Figure]) -> None:
    """Rank each latest figure among comparable areas' figures for the same period: one more
    than the number of better figures (so ties share a rank). One pass of one query, grouped by
    indicator, whatever the number of indicators."""
    among = Q()
    better = Q()
    ranked = {}
    for figure in figures:
        comparable_areas = comparable(figure.indicator, area)
        latest = figure.latest
        if comparable_areas is None or latest.value is None:
            continue
        ranked[figure.indicator.pk] = figure
        # The start narrows the search through the (indicator, period start) index.
        same = Q(indicator_id=latest.indicator_id, period_start=latest.period_start)
        among |= same & Q(period=latest.period) & comparable_areas
        if figure.indicator.better == Indicator.Better.LOWER:
            better |= same & Q(value__lt=latest.value)
        else:
            better |= same & Q(value__gt=latest.value)
    if not ranked:
        return
    counts = (
        Observation.objects.filter(among, value__isnull=False)
        .values("indicator_id")
        .annotate(
            better=Count("id", filter=better),
            out_of=Count("id"),
            elsewhere=Count("id", filter=~Q(area__nation=area.nation)),
        )
        .order_by()
        .values_list("indicator_id", "better", "out_of", "elsewhere")
    )
    for indicator_id, better_count, out_of, elsewhere in counts:
        figure = ranked[indicator_id]
        figure.rank, figure.out_of = better_count + 1, out_of
        figure.ranked_in = "" if elsewhere else area.nation


def observations_of(area: Area) -> QuerySet[Observation]:
    """Every figure of the area, by indicator and period, for its CSV file."""
    return (
        Observation.objects.filter(area=area)
        .select_related("indicator")
        .order_by("indicator__name", "indicator_id", "period_start", "period")
    )


def successions_of(area: Area) -> tuple[list[Area], list[Area]]:
    """(the areas it replaced, the areas that replaced it), in one query."""
    links = Succession.objects.filter(Q(predecessor=area) | Q(successor=area)).select_related(
        "predecessor", "successor"
    )
    predecessors, successors = [], []
    for link in links:
        if link.successor_id == area.pk:
            predecessors.append(link.predecessor)
        else:
            successors.append(link.successor)
    by_name = lambda one: (one.name, one.gss_code)  # noqa: E731
    return sorted(predecessors, key=by_name), sorted(successors, key=by_name)


def groups_working_in(area: Area) -> QuerySet[Group]:
    """The groups linked to the area (every group has a public page), by name."""
    return Group.objects.filter(outcome_areas__area=area).order_by("name").distinct()

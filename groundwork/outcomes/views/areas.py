"""Public pages of areas and indicators: the index of areas, an area's figures (each with a chart
against the national figure, a table beside it, its rank and its source), the area's CSV file,
and an indicator's ranking of areas. No account is needed: the figures are open data."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.humanize.templatetags.humanize import ordinal
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from groundwork.core.access import access
from groundwork.core.csv import csv_lines
from groundwork.outcomes import charts, queries
from groundwork.outcomes.models import Area, Indicator, Observation

CSV_HEADER = ["indicator", "period", "value", "unit", "status", "source"]


@access(signed_in=False)
def area_index(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    nation = request.GET.get("nation", "")
    page = Paginator(queries.areas(search, nation), 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "search": search,
        "nation": nation if nation in Area.Nation.values else "",
        "nations": Area.Nation.choices,
    }
    return render(request, "outcomes/area_list.html", context)


@access(fetch=queries.get_area, signed_in=False)
def area(request: HttpRequest, area: Area) -> HttpResponse:
    predecessors, successors = queries.successions_of(area)
    context = {
        "area": area,
        "figures": cached_fragment(
            "outcomes/_area_figures.html",
            (area.pk, area.name, area.name_cy),
            lambda: {
                "area": area,
                "figures": [present(f, area) for f in queries.figures_for(area)],
            },
        ),
        "predecessors": predecessors,
        "successors": successors,
        "groups": queries.groups_working_in(area),
    }
    return render(request, "outcomes/area_detail.html", context)


def cached_fragment(template: str, key: tuple, context: Callable[[], dict]) -> SafeString:
    """`template` rendered with `context()`, kept in the cache under the figures' version (see
    queries/versions.py) and the language, so a page reads and renders its figures once."""
    parts = [template, get_language() or "", queries.figures_version(), *map(str, key)]
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    cache_key = f"outcomes:fragment:{digest}"
    html = cache.get(cache_key)
    if html is None:
        html = render_to_string(template, context())
        cache.set(cache_key, html, queries.TIMEOUT)
    return mark_safe(html)  # noqa: S308 (rendered by our own template, escaped there)


@access(fetch=queries.get_area, signed_in=False)
def area_csv(request: HttpRequest, area: Area) -> StreamingHttpResponse:
    rows = (csv_row(observation) for observation in queries.observations_of(area))
    response = StreamingHttpResponse(csv_lines(CSV_HEADER, rows), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{area.gss_code}.csv"'
    return response


def csv_row(observation: Observation) -> list[str]:
    """A figure as published: the text of the file, empty (and `suppressed`) when suppressed."""
    indicator = observation.indicator
    suppressed = observation.status == Observation.Status.SUPPRESSED
    value = "" if suppressed else observation.published
    return [indicator.name, observation.period, value, indicator.unit, observation.status,
            indicator.source]  # fmt: skip


@access(fetch=queries.get_indicator, signed_in=False)
def indicator(request: HttpRequest, indicator: Indicator) -> HttpResponse:
    rankings = cached_fragment(
        "outcomes/_indicator_rankings.html",
        (indicator.slug,),
        lambda: {"rankings": [(r, ranking_chart(r)) for r in queries.rankings_of(indicator)]},
    )
    context = {"indicator": indicator, "rankings": rankings}
    return render(request, "outcomes/indicator_detail.html", context)


@dataclass
class Row:
    """A line of a chart's table: the period and both figures (None where none is published)."""

    period: str
    figure: Observation | None
    national: Observation | None


@dataclass
class Presented:
    """A figure ready for the page: the chart, its table and the rank in words."""

    figure: queries.Figure
    chart: charts.Svg
    rows: list[Row]
    rank: str
    # False when the national figure is a total on another scale than the area's (a count of
    # children in the UK against one borough's): it is in the table, not drawn on the same axis.
    comparator_drawn: bool = True

    @property
    def indicator(self) -> Indicator:
        return self.figure.indicator

    @property
    def latest(self) -> Observation:
        return self.figure.latest


def present(figure: queries.Figure, area: Area) -> Presented:
    """The chart over every period either series has, the table beside it, the rank."""
    periods: dict[str, tuple] = {}
    for observation in [*figure.history, *figure.national]:
        periods.setdefault(observation.period, (observation.period_start, observation.period))
    order = sorted(periods, key=lambda period: periods[period])
    own = {o.period: o for o in figure.history}
    national = {o.period: o for o in figure.national}
    rows = [Row(period, own.get(period), national.get(period)) for period in order]
    own_values = [_value(own.get(period)) for period in order]
    national_values = [_value(national.get(period)) for period in order]
    comparator = None
    drawn = figure.comparator is not None and charts.same_scale(own_values, national_values)
    if figure.comparator is not None and drawn:
        comparator = charts.Series(figure.comparator.name, national_values)
    chart = charts.trend_chart(
        chart_id=f"chart-{figure.indicator.slug}",
        title=_("%(indicator)s in %(area)s")
        % {"indicator": figure.indicator.name, "area": area.name},  # fmt: skip
        description=trend_description(figure, area, order, drawn=drawn),
        periods=order,
        area=charts.Series(area.name, own_values),
        comparator=comparator,
    )
    return Presented(figure, chart, rows, rank_sentence(figure), comparator_drawn=drawn)


def _value(observation: Observation | None):
    return None if observation is None else observation.value


def trend_description(
    figure: queries.Figure, area: Area, periods: list[str], *, drawn: bool = True
) -> str:
    """What the chart shows, in one sentence, for those who cannot see it."""
    described = _("%(area)s from %(first)s to %(last)s") % {
        "area": area.name, "first": periods[0], "last": periods[-1],
    }  # fmt: skip
    if figure.comparator is not None and drawn:
        described += _(", against %(comparator)s") % {"comparator": figure.comparator.name}
    return described + _(". The table below the chart gives every figure.")


def compared_among(geography: str, count: int) -> str:
    """What the areas an area is ranked among are called ("local authorities")."""
    if geography == Indicator.Geography.UPPER_TIER:
        return ngettext("upper-tier authority", "upper-tier authorities", count)
    if geography == Indicator.Geography.WARD:
        return ngettext("ward", "wards", count)
    return ngettext("local authority", "local authorities", count)


def rank_sentence(figure: queries.Figure) -> str:
    """ "3rd of 317 local authorities in England, where lower is better" ("" if not ranked)."""
    if figure.rank is None or figure.out_of is None:
        return ""
    among = compared_among(figure.indicator.geography, figure.out_of)
    sentence = _("%(rank)s of %(total)s %(among)s") % {
        "rank": ordinal(figure.rank), "total": figure.out_of, "among": among,
    }  # fmt: skip
    if figure.ranked_in:
        sentence += " " + _("in %(nation)s") % {"nation": Area.Nation(figure.ranked_in).label}
    return f"{sentence}, {direction(figure.indicator)}"


def direction(indicator: Indicator) -> str:
    if indicator.better == Indicator.Better.LOWER:
        return _("where lower is better")
    if indicator.better == Indicator.Better.HIGHER:
        return _("where higher is better")
    return _("ranked from the highest (neither direction is better)")


def ranking_chart(
    ranking: queries.Ranking, rows: list[queries.Ranked] | None = None, *, need: bool = False
) -> charts.Svg:
    """Ranked bars of the ranking's areas (or of `rows` of it) in order; suppressed last."""
    bars = [
        charts.Bar(
            label=row.area.name, value=row.observation.value, shown=row.observation.published
        )  # fmt: skip
        for row in (ranking.rows if rows is None else rows)
    ]
    suffix = ("-need" if need else "") + (f"-{ranking.nation}" if ranking.nation else "")
    where = f" ({ranking.nation_label})" if ranking.nation else ""
    return charts.ranked_bars(
        chart_id=f"ranking-{ranking.indicator.slug}{suffix}",
        title=f"{ranking.indicator.name}, {ranking.period}{where}",
        description=_("%(count)s areas, %(order)s, %(direction)s. The table gives each figure.")
        % {
            "count": len(bars),
            "order": _("greatest need first") if need else _("best first"),
            "direction": direction(ranking.indicator),
        },
        bars=bars,
        suppressed=_("suppressed"),
    )

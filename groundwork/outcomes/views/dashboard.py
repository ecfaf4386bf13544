"""Where need is greatest: the alliance dashboard ranks the areas where groups work by a chosen
indicator, and lists the areas of greatest need with no group yet, so coordinators can direct
help and start groups there.

It is public, like the rest of the outcomes pages: the figures are open data, and which areas
have a group is public already (every group's page and its area are in the public directory), so
the dashboard reveals nothing new, and members and the public can see where help is needed too.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from groundwork.core.access import access
from groundwork.outcomes import queries
from groundwork.outcomes.models import Indicator
from groundwork.outcomes.views.areas import cached_fragment, direction, ranking_chart

# The most areas of greatest need (the worse half) with no group listed per ranking; the
# indicator's page has them all.
WITHOUT_A_GROUP = 25


@access(signed_in=False)
def dashboard(request: HttpRequest) -> HttpResponse:
    indicators = list(queries.dashboard_indicators())
    chosen = request.GET.get("indicator", "")
    indicator = next((one for one in indicators if one.slug == chosen), None)
    if indicator is None and indicators:
        indicator = indicators[0]
    sections = None
    if indicator is not None:
        sections = cached_fragment(
            "outcomes/_dashboard_sections.html",
            (indicator.slug, "dashboard"),
            lambda: {
                "indicator": indicator,
                "direction": direction(indicator),
                "sections": need_sections(indicator),
            },
        )
    context = {"indicators": indicators, "indicator": indicator, "sections": sections}
    return render(request, "outcomes/dashboard.html", context)


def need_sections(indicator: Indicator) -> list[dict]:
    """Per ranking (one per nation where needed): the groups' areas, greatest need first, with
    their groups and a chart; and the areas of greatest need with no group."""
    sections = []
    rankings = queries.rankings_of(indicator)
    with_groups = [[row for row in ranking.by_need() if row.has_group] for ranking in rankings]
    groups = queries.groups_by_area(row.area.pk for rows in with_groups for row in rows)
    for ranking, mine in zip(rankings, with_groups, strict=True):
        without = [row for row in ranking.in_need() if not row.has_group]
        sections.append(
            {
                "ranking": ranking,
                "with_groups": [(row, groups.get(row.area.pk, [])) for row in mine],
                "without": without[:WITHOUT_A_GROUP],
                "chart": ranking_chart(ranking, mine, need=True),
            }
        )
    return sections

"""Areas, indicators and observations (/api/v1/outcomes/): the official statistics the outcomes
pages show, all public, read-only. A suppressed figure has no value (null), never 0."""

from datetime import date
from decimal import Decimal
from typing import Any

from ninja import Field, Query, Router, Schema

from groundwork.api.backends import ApiRequest, reads
from groundwork.api.errors import CLIENT_ERRORS, Problem
from groundwork.api.pagination import CursorParams, page_of, paginate
from groundwork.outcomes import queries
from groundwork.outcomes.models import Area, Indicator, Observation

router = Router(tags=["outcomes"])

ERRORS: dict[int, Any] = dict.fromkeys(CLIENT_ERRORS, Problem)


class AreaOut(Schema):
    gss_code: str
    name: str
    name_cy: str
    level: str
    nation: str
    region: str
    start_date: date | None
    end_date: date | None
    url: str

    @staticmethod
    def resolve_url(area: Area, context: dict[str, Any]) -> str:
        return context["request"].build_absolute_uri(area.get_absolute_url())


class AreaDetailOut(AreaOut):
    parent: str | None

    @staticmethod
    def resolve_parent(area: Area) -> str | None:
        return area.parent.gss_code if area.parent is not None else None


class IndicatorOut(Schema):
    slug: str
    name: str
    measures: str
    unit: str
    better: str
    geography: str
    source: str
    source_url: str
    licence: str
    url: str

    @staticmethod
    def resolve_url(indicator: Indicator, context: dict[str, Any]) -> str:
        return context["request"].build_absolute_uri(indicator.get_absolute_url())


class ObservationOut(Schema):
    indicator: str
    period: str
    period_start: date
    period_end: date
    value: Decimal | None
    published: str
    lower_ci: Decimal | None
    upper_ci: Decimal | None
    status: str

    @staticmethod
    def resolve_indicator(observation: Observation) -> str:
        return observation.indicator.slug


class AreaSearch(Schema):
    q: str = Field(
        "", max_length=200, pattern=r"^[^\x00]*$", description="Part of a name, or a code."
    )
    nation: Area.Nation | None = None


@router.get("/areas", response={200: page_of(AreaOut), **ERRORS}, auth=reads("outcomes"))
def list_outcome_areas(
    request: ApiRequest, page: Query[CursorParams], search: Query[AreaSearch]
) -> Any:
    """Areas by name; `q` finds by English or Welsh name or GSS code, `nation` narrows."""
    return paginate(request, queries.areas(search.q, search.nation or ""), page)


@router.get(
    "/areas/{slug:gss_code}", response={200: AreaDetailOut, **ERRORS}, auth=reads("outcomes")
)
def get_outcome_area(request: ApiRequest, gss_code: str) -> Any:
    """One area by its GSS code, or 404."""
    return queries.get_area(gss_code)


@router.get(
    "/areas/{slug:gss_code}/observations",
    response={200: page_of(ObservationOut), **ERRORS},
    auth=reads("outcomes"),
)
def list_area_observations(request: ApiRequest, gss_code: str, page: Query[CursorParams]) -> Any:
    """Every figure of the area, by indicator and period, as its CSV file gives them."""
    area = queries.get_area(gss_code)
    return paginate(request, queries.observations_of(area), page)


@router.get("/indicators", response={200: page_of(IndicatorOut), **ERRORS}, auth=reads("outcomes"))
def list_indicators(request: ApiRequest, page: Query[CursorParams]) -> Any:
    """Every indicator, by name."""
    return paginate(request, queries.dashboard_indicators(), page)


@router.get(
    "/indicators/{slug:slug}", response={200: IndicatorOut, **ERRORS}, auth=reads("outcomes")
)
def get_indicator(request: ApiRequest, slug: str) -> Any:
    """One indicator by its slug, or 404."""
    return queries.get_indicator(slug)

"""Factories with domain verbs for the outcomes app's tests."""

from datetime import date
from decimal import Decimal

from groundwork.outcomes.models import Area, GroupArea, Indicator, Observation

UK = ("K02000001", "United Kingdom", "country", "uk")
ENGLAND = ("E92000001", "England", "country", "england")


def make_area(
    gss_code: str = "E09000022",
    name: str = "Lambeth",
    *,
    level: str = "unitary",
    nation: str = "england",
    region: str = "London",
    parent: Area | None = None,
    **fields,
) -> Area:
    """An area, made once per code."""
    area, _ = Area.objects.get_or_create(
        gss_code=gss_code,
        defaults=dict(
            name=name, level=level, nation=nation, region=region, parent=parent, **fields
        ),
    )
    return area


def england() -> Area:
    """England, the usual national comparator."""
    return make_area(*ENGLAND[:2], level="country", nation="england", region="")


def make_indicator(slug: str = "children-low-income", **fields) -> Indicator:
    """An indicator, made once per slug."""
    defaults = dict(
        name="Children in relative low-income families",
        measures="Children under 16 in families with below 60% of median income before housing costs.",
        unit="children",
        better="lower",
        source="DWP Children in Low Income Families",
    )
    defaults.update(fields)
    indicator, _ = Indicator.objects.get_or_create(slug=slug, defaults=defaults)
    return indicator


def observe(
    indicator: Indicator,
    area: Area,
    year: int,
    value: str | None,
    *,
    status: str = "published",
    financial_year: bool = True,
) -> Observation:
    """Record `value` (text as published; None for suppressed) for the year starting in `year`."""
    if financial_year:
        period = f"{year}/{str(year + 1)[-2:]}"
        start, end = date(year, 4, 1), date(year + 1, 3, 31)
    else:
        period, start, end = str(year), date(year, 1, 1), date(year, 12, 31)
    if value is None:
        status = "suppressed"
    return Observation.objects.create(
        indicator=indicator,
        area=area,
        period=period,
        period_start=start,
        period_end=end,
        value=None if value is None else Decimal(value),
        published=value or "",
        status=status,
    )


def link_group(group, area: Area) -> GroupArea:
    """Say that `group` works in `area`."""
    return GroupArea.objects.get_or_create(group=group, area=area)[0]

"""Domain verbs for the targets' tests: Southwark (Riverside's ONS code) with a figure history."""

from decimal import Decimal

from groundwork.aims.models import Objective
from groundwork.outcomes import actions
from groundwork.outcomes.models import Area, Indicator, Target
from groundwork.outcomes.parsing.records import IndicatorSpec
from groundwork.outcomes.tests.factories import make_area, make_indicator, observe

SOUTHWARK = "E09000028"
# How an import describes the indicator the targets aim at (children in low-income families).
CHILDREN_SPEC = IndicatorSpec(
    key="children",
    slug="children-low-income",
    name="Children in relative low-income families",
    unit="children",
    better="lower",
    source="DWP Children in Low Income Families",
)


def southwark() -> Area:
    return make_area(SOUTHWARK, "Southwark")


def children_in_southwark(*figures: tuple[int, str | None], **status) -> Indicator:
    """Children in low-income families in Southwark: (year, value) figures, financial years."""
    indicator = make_indicator()
    for year, value in figures:
        observe(indicator, southwark(), year, value, **status)
    return indicator


def first_objective() -> Objective:
    return Objective.objects.order_by("number").first()  # type: ignore[return-value]


def set_target(group, organiser, *, percent: str = "-10", by: str = "2028/29", **fields) -> Target:
    """Riverside's organiser sets a target for children in low-income families in Southwark."""
    indicator = fields.pop("indicator", None) or make_indicator()
    return actions.check_set_target(
        group,
        acting_user=organiser,
        area=fields.pop("area", None) or southwark(),
        indicator=indicator,
        objective=fields.pop("objective", None) or first_objective(),
        by_period=by,
        change_percent=Decimal(percent) if percent else None,
        **fields,
    )


def build_matrix_targets(riverside, *, alice) -> dict:
    """Riverside works in Southwark and aims to cut child poverty there (the permission matrix)."""
    from groundwork.outcomes.tests.factories import link_group

    link_group(riverside, southwark())
    children_in_southwark((2022, "10000"))
    return {"target": set_target(riverside, alice)}

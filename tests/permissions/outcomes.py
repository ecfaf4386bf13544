"""Rows of the permission matrix: outcomes (areas, indicators, the dashboard, targets, imports)."""

from tests.permissions.cells import PUBLIC, Row


# pages: public areas, indicators and the dashboard (open data; no account needed)
def lambeth(world):
    """Lambeth, with a figure (made in the test's own transaction, undone after it)."""
    from groundwork.outcomes.tests.factories import make_area, make_indicator, observe

    area = make_area()
    observe(make_indicator(), area, 2022, "25.1")
    return {"gss_code": area.gss_code}


def poverty(world):
    from groundwork.outcomes.tests.factories import make_indicator

    return {"slug": make_indicator().slug}


ROWS: dict[str, Row] = {
    # pages
    "outcomes:areas": Row(PUBLIC),
    "outcomes:area": Row(PUBLIC, kwargs=lambeth),
    "outcomes:area_csv": Row(PUBLIC, kwargs=lambeth),
    "outcomes:indicator": Row(PUBLIC, kwargs=poverty),
    "outcomes:dashboard": Row(PUBLIC),
}

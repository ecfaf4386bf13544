"""Rows of the permission matrix: outcomes (areas, indicators, the dashboard, imports).

pages: public areas, indicators and the dashboard (open data; no account needed).

importing: the coordinators' upload of files of statistics (coordinators only, with two-factor).
"""

from tests.permissions.cells import COORDINATOR, LOGIN, PUBLIC, Row


def _import(world) -> dict:
    return {"pk": world.outcomes["import"].pk}


def _back_to_the_import(world) -> str:
    return f"→/outcomes/imports/{world.outcomes['import'].pk}/"


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
    # importing
    "outcomes:imports": Row(COORDINATOR),
    "outcomes:import": Row(COORDINATOR, kwargs=_import),
    # Applying an import that was not a dry run is refused: back to its page.
    "outcomes:import_apply": Row(
        (LOGIN, 404, 404, 404, 404, _back_to_the_import), method="post", kwargs=_import
    ),
    # pages
    "outcomes:areas": Row(PUBLIC),
    "outcomes:area": Row(PUBLIC, kwargs=lambeth),
    "outcomes:area_csv": Row(PUBLIC, kwargs=lambeth),
    "outcomes:indicator": Row(PUBLIC, kwargs=poverty),
    "outcomes:dashboard": Row(PUBLIC),
}

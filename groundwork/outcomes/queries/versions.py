"""The version of the figures, for the pages that keep their rendered figures in the cache.

An area's figures, their ranks and the dashboard's rankings read thousands of rows and render
hundreds of cells, so the pages keep the rendered part in the cache under a key holding
`figures_version()`: the highest ids of figures, revisions, areas and group links, the last
release that changed a figure, the count of group links and the last change to an indicator.
Anything an import does (a figure added, revised or suppressed; an area added) or a group linked
or unlinked moves it, so the next read renders afresh, in every process alike, with no call to
remember. What no import does (a figure edited by hand in the admin, an area renamed) is seen
within `TIMEOUT`.
"""

from django.db import connection

from groundwork.outcomes.models import Area, GroupArea, Indicator, Observation, ObservationRevision

TIMEOUT = 10 * 60  # seconds


def figures_version() -> str:
    """A text that changes whenever an import or a group link changes what the pages show."""
    quote = connection.ops.quote_name
    figures = quote(Observation._meta.db_table)
    parts = [
        f"SELECT MAX(id) FROM {figures}",
        f"SELECT MAX(release_id) FROM {figures}",
        f"SELECT MAX(id) FROM {quote(ObservationRevision._meta.db_table)}",
        f"SELECT MAX(id) FROM {quote(Area._meta.db_table)}",
        f"SELECT MAX(updated_at) FROM {quote(Indicator._meta.db_table)}",
        f"SELECT MAX(id) FROM {quote(GroupArea._meta.db_table)}",
        f"SELECT COUNT(*) FROM {quote(GroupArea._meta.db_table)}",
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"({part})" for part in parts))
        row = cursor.fetchone()
    return ":".join("" if value is None else str(value) for value in row)

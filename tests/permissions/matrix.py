"""The permission matrix: one flat table with a row for every route of the project.

Each feature keeps its rows in a module of its own (members.py, groups.py, ...); MATRIX puts them
together, in the order below, into the one table that the tests walk. A route that exists but is
not in the table fails `test_every_route_is_in_the_matrix` (test_matrix.py), so a new page cannot
ship without someone deciding who may see it. docs/permissions.md is the same table in words.

Admin model pages are many and alike, so they are accounted for by one explicit pattern
(`ADMIN_MODEL_PAGE`, in admin.py), checked on a sample (`ADMIN_SAMPLE`).
"""

from django.urls import URLPattern, URLResolver, get_resolver

from tests.permissions import (
    accountability,
    admin,
    aims,
    allauth,
    api,
    api_reads,
    campaigns,
    democracy,
    events,
    groups,
    learning,
    members,
    notifications,
    operations,
    outcomes,
    projects,
    resources,
    targets,
    webhooks,
)
from tests.permissions.cells import Row

FEATURES = [
    members,
    groups,
    notifications,
    democracy,
    campaigns,
    aims,
    projects,
    events,
    resources,
    learning,
    accountability,
    targets,
    outcomes,
    api,
    api_reads,
    operations,
    webhooks,
    allauth,
    admin,
]


def concatenate(tables: list[dict[str, Row]]) -> dict[str, Row]:
    """The tables as one, in order; a route in two of them is an error, not a silent overwrite."""
    matrix: dict[str, Row] = {}
    for table in tables:
        repeated = set(matrix) & set(table)
        assert not repeated, f"routes with a row in two features: {sorted(repeated)}"
        matrix |= table
    return matrix


MATRIX: dict[str, Row] = concatenate([feature.ROWS for feature in FEATURES])

PATTERN_RULES = {"admin model pages": admin.ADMIN_MODEL_PAGE}
# Routes with no name, accounted for by their path. The admin's catch-all answers every other
# /admin/ path: the admin login for non-staff, 404 for staff.
EXPLICIT_UNNAMED = {"admin/(?P<url>.*)$"}


def routes(patterns=None, prefix: str = "", namespace: str | None = None):
    """{key: path} of every route: "namespace:name", or the path itself when it has no name."""
    found: dict[str, str] = {}
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        path = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            found |= routes(pattern.url_patterns, path, inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name
            key = (f"{namespace}:{name}" if namespace else name) if name else path
            assert key not in found, f"two routes share the name {key}"
            found[key] = path
    return found

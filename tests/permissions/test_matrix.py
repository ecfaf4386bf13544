"""Every URL of the project, for every member of the cast: who gets the page, who is turned away.

The table is MATRIX (matrix.py), one row per route and one column per member of the cast; the
rows are kept by feature in the modules beside it. A cell is the status code the person gets, or
"→/path/" for a redirect to that path (the query string is not compared).
"""

import pytest
from django.urls import reverse

from tests.permissions.cells import CAST, LOGIN
from tests.permissions.matrix import EXPLICIT_UNNAMED, MATRIX, PATTERN_RULES, routes
from tests.permissions.world import assert_cell, client_as


def test_every_route_is_in_the_matrix():
    found = routes()
    by_pattern = {
        key
        for key, path in found.items()
        if key not in MATRIX and any(rule.match(path) for rule in PATTERN_RULES.values())
    }
    accounted = set(MATRIX) | by_pattern | EXPLICIT_UNNAMED
    assert set(found) - accounted == set(), "routes with no row in the permission matrix"
    assert set(MATRIX) - set(found) == set(), "rows of the matrix whose route no longer exists"
    assert EXPLICIT_UNNAMED - set(found) == set(), "an unnamed route listed here is gone"
    for name, rule in PATTERN_RULES.items():
        matched = {key for key in by_pattern if rule.match(found[key])}
        assert matched, f"pattern rule {name!r} matches nothing"
        assert all(key.startswith("admin") for key in matched), f"{name!r} reaches past the admin"


def test_the_matrix_sees_allauth_and_the_admin():
    """The walk reaches into included URLconfs (a walk of the top level alone would pass too)."""
    assert {"account_login", "mfa_activate_totp", "admin:index", "groups:members"} <= set(routes())


def cells():
    for name, row in MATRIX.items():
        for who, expected in zip(CAST, row.expected, strict=True):
            yield pytest.param(name, who, expected, id=f"{name}-{who}")


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "who", "expected"), list(cells()))
def test_matrix_cell(world, name, who, expected):
    row = MATRIX[name]
    url = row.url(name, world)
    if callable(expected):
        expected = expected(world)
    client = client_as(world, who)
    response = row.ask(client, url, world, who)
    assert_cell(response, expected, f"{who} {row.method.upper()} {url}")


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["democracy:results", "democracy:ballot_blt"])
@pytest.mark.parametrize("who", CAST)
def test_results_before_the_close_are_hidden_from_all(world, name, who):
    """Before the close there are no results for anyone, the organiser included."""
    url = reverse(name, kwargs={"pk": world.democracy["open"].pk})
    assert_cell(client_as(world, who).get(url), LOGIN if who == "anon" else 404, f"{who} {url}")


POST_ONLY = [name for name, row in MATRIX.items() if row.method == "post"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", POST_ONLY)
def test_post_only_routes_refuse_a_get(world, name):
    """A link followed (or prefetched) never changes anything: GET on a POST-only route is 405."""
    response = client_as(world, "alice").get(MATRIX[name].url(name, world))
    assert response.status_code == 405

"""The columns of the permission matrix and the cells its rows are written with.

A cell is the status code the person gets, or "→/path/" for a redirect to that path (the query
string is not compared), or a function of the world that gives one (a redirect to a page whose
address holds an id).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

CAST = ("anon", "dan", "bob", "carol", "alice", "admin")

LOGIN = "→/accounts/login/"
ADMIN_LOGIN = "→/admin/login/"
HOME = "→/home/"
RIVERSIDE = "→/groups/riverside/"
REAUTHENTICATE = "→/accounts/reauthenticate/"


def everyone(cell):
    return (cell,) * len(CAST)


def signed_in(cell, anon=LOGIN):
    """`cell` for every signed-in member of the cast; anon is sent to sign in."""
    return (anon,) + (cell,) * (len(CAST) - 1)


# Who may see what, in columns:  anon    dan   bob   carol alice admin
PUBLIC = everyone(200)
MEMBER_HOME = signed_in(200)
RIVERSIDE_ORGANISER = (LOGIN, 404, 404, 404, 200, 404)
COORDINATOR = (LOGIN, 404, 404, 404, 404, 200)
RIVERSIDE_MEMBERS = (LOGIN, 404, 200, 404, 200, 404)
# The alliance's democracy: members of any group, and coordinators who run its ballots.
IN_THE_ALLIANCE = (LOGIN, 404, 200, 200, 200, 200)
STAFF_ONLY = (ADMIN_LOGIN,) * 5 + (200,)


@dataclass
class Row:
    """One route: the cell of each member of the cast (in CAST's order), and the request made.

    POST-only routes are checked with a POST (the test client satisfies the CSRF check), every
    other route with a GET. `kwargs` gives the URL's arguments from the world (see world.py).
    """

    expected: tuple
    method: str = "get"
    kwargs: Callable[[Any], dict] | None = field(default=None)  # World -> dict of URL arguments
    data: dict = field(default_factory=dict)

    def url(self, name: str, world) -> str:
        return reverse(name, kwargs=self.kwargs(world) if self.kwargs else None)

    def ask(self, client, url: str, world, who: str):
        """The request of this cell, made by `who`'s client (signed in by its session)."""
        return getattr(client, self.method)(url, self.data)


@dataclass
class ApiRow(Row):
    """A route of the REST API (/api/v1/): asked with `who`'s personal access token (every
    scope, created in world.py; anon sends none), never with the session, which the API ignores.
    Refusals are the API's: 401 without a token where one is needed, 404 for what the rules hide,
    403 (a problem "two-factor-required") for an organiser's act without two-factor."""

    def ask(self, client, url: str, world, who: str):
        secret = world.api_tokens.get(who)
        headers = {"Authorization": f"Bearer {secret}"} if secret else {}
        return (
            getattr(client, self.method)(
                url, self.data, content_type="application/json", headers=headers
            )
            if self.method != "get"
            else client.get(url, self.data, headers=headers)
        )


def riverside_slug(world):
    return {"slug": "riverside"}

"""Two-factor before acting, swept over every row of the permission matrix.

Alice (organiser of Riverside) and the coordinator (admin) have two-factor in the cast. Each test
here takes it away from one of them (their authenticators are deleted inside the test's
transaction) and asks every route of MATRIX again, expecting what the matrix itself implies:

- where she succeeds with two-factor and a plain member in her place is refused (bob, a member of
  Riverside, for alice; dan, in no group, for the coordinator), her success comes from her role:
  without two-factor she is sent to set it up (`mfa_activate_totp`, with `next` the path she
  asked for), and nothing changes on the way;
- where the plain member succeeds too, her success does not come from her role: she gets the same
  cell without two-factor as with it;
- where she is refused with two-factor, she is refused alike without it.

A new route is swept as soon as it has a row. A route where the derived expectation is wrong is
listed in EXCEPTIONS below with the cell it gives and why, never left out silently.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.urls import reverse

from groundwork.core.models import AuditEntry
from groundwork.groups.models import JoinRequest, Membership
from tests.permissions.cells import ADMIN_LOGIN, CAST, LOGIN, REAUTHENTICATE, ApiRow
from tests.permissions.matrix import MATRIX
from tests.permissions.world import assert_cell, client_as

# Whose two-factor is taken away, and the plain member the derivation compares them with.
PLAIN_MEMBER = {"alice": "bob", "admin": "dan"}
REFUSALS = {404, 403, 401, LOGIN, ADMIN_LOGIN}
SET_UP = "sent to set up two-factor"

# Routes where the expectation derived from the matrix is wrong, with what the person without
# two-factor gets instead and why. Each is a decision to review with its route, not an accident.
NOT_AS_A_MEMBER = (
    "bob succeeds as the row's author or owner, not as a member; alice succeeds as organiser, "
    "which needs two-factor, and without it"
)
NO_AUTHENTICATOR = {
    "mfa_reauthenticate": (
        REAUTHENTICATE,
        "reauthenticating by two-factor needs an authenticator: without one, the password",
    ),
    "mfa_deactivate_totp": (404, "there is no TOTP authenticator left to deactivate"),
}
ADMIN_SIGN_IN = (
    "the admin site treats staff without two-factor as it treats people who are not staff "
    "(config/urls.py): its sign-in page, not two-factor set-up"
)
IN_THE_ALLIANCE = (
    "a coordinator reads this as a member of the alliance does, two-factor or not (the rule is "
    "`is_in_the_alliance`); only acting as coordinator needs it"
)
EXCEPTIONS: dict[str, dict[str, tuple[object, str]]] = {
    "alice": NO_AUTHENTICATOR
    | {
        "aims:task_status": (SET_UP, f"{NOT_AS_A_MEMBER} she is sent to set it up"),
        "resources:edit": (SET_UP, f"{NOT_AS_A_MEMBER} she is sent to set it up"),
        "resources:delete": (SET_UP, f"{NOT_AS_A_MEMBER} she is sent to set it up"),
        # Alice is Riverside's one teller as well as its organiser, and a teller needs no
        # two-factor (docs/permissions.md): she keeps the teller's pages.
        "democracy:group_tellers": (200, "alice is Riverside's teller too; tellers need no 2FA"),
        # The OSDI people collection answers every caller (empty for those who organise no
        # group); an organiser without two-factor is told she needs it rather than handed an
        # empty list that would look like a group without members.
        "api_v1:osdi_list_people": (
            403,
            "an organiser's people need two-factor, as her member list",
        ),
        "democracy:group_teller_key": (200, "alice is Riverside's teller; tellers need no 2FA"),
        "democracy:ballot_give_share": (400, "alice holds a share of the open ballot's key"),
        "accountability:position_meeting": (
            SET_UP,
            "bob succeeds as the position's holder, not as a member; alice as organiser, which "
            "needs two-factor: without it she is sent to set it up",
        ),
        # Those who record a meeting correct and remove it: the same derivation.
        "accountability:meeting_edit": (
            SET_UP,
            "bob as the position's holder; as position_meeting",
        ),
        "accountability:meeting_delete": (
            SET_UP,
            "bob as the position's holder; as position_meeting",
        ),
    },
    "admin": NO_AUTHENTICATOR
    | {
        "aims:rollup": (200, IN_THE_ALLIANCE),
        "resources:help_list": (200, IN_THE_ALLIANCE),
        "resources:help_detail": (200, IN_THE_ALLIANCE),
        "resources:help_answer": (400, IN_THE_ALLIANCE),
        "admin:index": (ADMIN_LOGIN, ADMIN_SIGN_IN),
        "admin:password_change": (ADMIN_LOGIN, ADMIN_SIGN_IN),
        "admin:password_change_done": (ADMIN_LOGIN, ADMIN_SIGN_IN),
        "admin:jsi18n": (ADMIN_LOGIN, ADMIN_SIGN_IN),
        "admin:app_list": (ADMIN_LOGIN, ADMIN_SIGN_IN),
        "admin:autocomplete": (ADMIN_LOGIN, ADMIN_SIGN_IN),
        "admin:view_on_site": (ADMIN_LOGIN, ADMIN_SIGN_IN),
        # The sign-in form itself (a password there signs nobody in), and logging out sends
        # to the index as for people who are not staff.
        "admin:login": (200, ADMIN_SIGN_IN),
        "admin:logout": ("→/admin/", ADMIN_SIGN_IN),
    },
}


def succeeds(cell) -> bool:
    """Not refused: a page, a form shown again, or a redirect other than to a sign-in page.
    A cell that is a function of the world is always a redirect to a page of the site."""
    return callable(cell) or cell not in REFUSALS


def derived(name: str, who: str):
    """What `who` gets on the route without two-factor, as the matrix implies."""
    row = MATRIX[name]
    own = row.expected[CAST.index(who)]
    plain = row.expected[CAST.index(PLAIN_MEMBER[who])]
    return SET_UP if succeeds(own) and not succeeds(plain) else own


def expected_without_two_factor(name: str, who: str):
    return EXCEPTIONS[who][name][0] if name in EXCEPTIONS[who] else derived(name, who)


def sent_to_set_up(who: str) -> list[str]:
    return [name for name in MATRIX if expected_without_two_factor(name, who) == SET_UP]


def take_two_factor_away(world, who: str) -> None:
    """Within the test's transaction (rolled back after it): every later request sees none."""
    deleted, _ = Authenticator.objects.filter(user=world.users[who]).delete()
    assert deleted, f"{who} had no authenticator: the test would prove nothing"


def next_of(response) -> str:
    """The decoded `next` of a redirect to two-factor set-up."""
    assert response.status_code == 302, f"expected a redirect, got {response.status_code}"
    address = urlsplit(response.url)
    assert address.path == reverse("mfa_activate_totp"), f"redirected to {response.url}"
    values = parse_qs(address.query).get("next", [])
    assert len(values) == 1, f"no single `next` in {response.url}"
    return values[0]


def sweep(world, name: str, who: str) -> None:
    take_two_factor_away(world, who)
    row = MATRIX[name]
    url = row.url(name, world)
    expected = expected_without_two_factor(name, who)
    if callable(expected):
        expected = expected(world)
    audit_entries = AuditEntry.objects.count()
    response = row.ask(client_as(world, who), url, world, who)
    where = f"{who} without two-factor, {row.method.upper()} {url}"
    if expected != SET_UP:
        assert_cell(response, expected, where)
        return
    if isinstance(row, ApiRow):
        # The API cannot redirect a script to a page: it says so, in a problem.
        assert response.status_code == 403, where
        assert response.json()["type"].endswith("#problem-two-factor-required"), where
    else:
        assert next_of(response) == url, where
    # Nothing happened on the way: bob is still a plain member, erin still waiting, no action
    # was recorded.
    world.bobs_membership.refresh_from_db()
    assert world.bobs_membership.role == Membership.Role.MEMBER
    world.erins_request.refresh_from_db()
    assert world.erins_request.status == JoinRequest.Status.PENDING
    assert AuditEntry.objects.count() == audit_entries, f"{where}: an action was recorded"


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(MATRIX))
def test_an_organiser_without_two_factor_gets_what_the_matrix_implies(world, name):
    sweep(world, name, "alice")


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(MATRIX))
def test_a_coordinator_without_two_factor_gets_what_the_matrix_implies(world, name):
    sweep(world, name, "admin")


QUERY = "from=sweep&x=1"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "name"),
    [
        (who, name)
        for who in PLAIN_MEMBER
        for name in sent_to_set_up(who)
        if not isinstance(MATRIX[name], ApiRow)  # the API answers 403, it sends nowhere
    ],
)
def test_two_factor_next_keeps_the_query_string(world, who, name):
    """Sent to set up two-factor from an address with a query string, one comes back to all of
    it: `next` is encoded, so the query string is not cut off at its first `&`."""
    take_two_factor_away(world, who)
    row = MATRIX[name]
    url = f"{row.url(name, world)}?{QUERY}"
    response = getattr(client_as(world, who), row.method)(url, row.data)
    assert next_of(response) == url


def test_the_sweep_derives_the_organiser_and_coordinator_routes():
    """Guards the derivation: routes known to need the role are among those it sends to set-up,
    and routes open to plain members are not."""
    assert {
        "groups:members",
        "groups:remove_member",
        "democracy:group_ballot_create",
        "learning:group_step_move",
    } <= set(sent_to_set_up("alice"))
    assert {"groups:create", "groups:alliance_audit", "aims:aim_edit", "learning:step_add"} <= set(
        sent_to_set_up("admin")
    )
    for who in PLAIN_MEMBER:
        assert not {"members:home", "democracy:proposal", "groups:join"} & set(sent_to_set_up(who))


@pytest.mark.parametrize("who", PLAIN_MEMBER)
def test_every_exception_is_a_route_whose_derived_expectation_is_wrong(who):
    """An exception that agrees with the derivation, or names a route that is gone, is removed."""
    for name, (cell, reason) in EXCEPTIONS[who].items():
        assert name in MATRIX, f"{name} is no longer a route"
        assert cell != derived(name, who), f"{name} for {who} needs no exception"
        assert reason


@pytest.mark.django_db
def test_the_two_factor_requirement_is_on_in_the_test_settings():
    """Guards the sweep: with the setting off it would test nothing."""
    assert settings.GROUNDWORK_REQUIRE_TWO_FACTOR is True

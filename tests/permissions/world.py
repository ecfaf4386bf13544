"""The world the permission matrix is checked in: the cast of conftest.py and the rows its URLs
point at, built once for the package (see conftest.py), and how each cell is asked and compared."""

from dataclasses import dataclass, field
from datetime import timedelta
from http.cookies import SimpleCookie

from django.conf import settings
from django.test import Client
from django.utils import timezone

from groundwork.groups.models import Group, GroupRequest, Invitation, JoinRequest, Membership
from groundwork.groups.tests.factories import (
    GroupFactory,
    UserFactory,
    join,
    make_coordinator,
    make_organiser,
)


@dataclass
class World:
    """The cast and the rows the URLs point at."""

    users: dict
    riverside: object
    hillside: object
    bobs_membership: Membership
    erins_request: JoinRequest
    invitation: Invitation
    democracy: dict = field(default_factory=dict)
    aims_projects: dict = field(default_factory=dict)
    events: dict = field(default_factory=dict)
    campaigns: dict = field(default_factory=dict)
    library: dict = field(default_factory=dict)
    register: dict = field(default_factory=dict)
    recall: dict = field(default_factory=dict)
    targets: dict = field(default_factory=dict)

    outcomes: dict = field(default_factory=dict)
    # The API: each signed-in member's personal access token (every scope), and the tokens.
    api_tokens: dict = field(default_factory=dict)
    access_tokens: dict = field(default_factory=dict)
    # One client per member of the cast, signed in once (see `client_as`).
    clients: dict = field(default_factory=dict)
    session_keys: dict = field(default_factory=dict)


def build_world() -> World:
    """The cast of conftest.py (same names, groups and roles), plus a request and an invitation."""
    riverside = GroupFactory(
        name="Riverside", slug="riverside", join_policy=Group.JoinPolicy.OPEN, area_name="Southwark"
    )
    hillside = GroupFactory(
        name="Hillside",
        slug="hillside",
        join_policy=Group.JoinPolicy.APPROVAL,
        area_name="Lewisham",
    )
    alice = UserFactory(email="alice@example.org", display_name="Alice")
    make_organiser(riverside, alice)
    bob = UserFactory(email="bob@example.org", display_name="Bob")
    join(riverside, bob)
    carol = UserFactory(email="carol@example.org", display_name="Carol")
    join(hillside, carol)
    dan = UserFactory(email="dan@example.org", display_name="Dan")
    admin = make_coordinator(UserFactory(email="coordinator@example.org", display_name="Sam"))
    erin = UserFactory(email="erin@example.org", display_name="Erin")
    erins_request = JoinRequest.objects.create(group=riverside, user=erin, message="Hello")
    # Someone waits for a group in SE22, for the coordinators' page that answers them.
    GroupRequest.objects.create(district="SE22", email="asker@example.net")
    invitation = Invitation.objects.create(
        group=riverside,
        email="newcomer@example.org",
        invited_by=alice,
        expires_at=timezone.now() + timedelta(days=7),
    )
    democracy = build_democracy(riverside, alice=alice, bob=bob)
    from groundwork.campaigns.tests.factories import build_matrix_campaigns

    campaigns = build_matrix_campaigns(riverside)
    from groundwork.projects.tests.factories import build_matrix_world as build_aims_projects

    aims_projects = build_aims_projects(riverside, alice=alice, bob=bob)
    from groundwork.events.tests.factories import build_matrix_events

    events = build_matrix_events(riverside, alice=alice, bob=bob, admin=admin)
    from groundwork.learning.tests.factories import build_matrix_course
    from groundwork.resources.tests.factories import build_matrix_library

    library = build_matrix_library(riverside, hillside, alice=alice, bob=bob, carol=carol)
    library["step"] = build_matrix_course(riverside, library["guide"]).steps.get()
    from groundwork.learning.tests.factories import build_matrix_alliance_course

    library["alliance_step"] = build_matrix_alliance_course(library["guide"]).steps.get()
    from groundwork.accountability.tests.factories import build_matrix_register

    register = build_matrix_register()
    from groundwork.accountability.tests.factories import build_matrix_recall

    recall = build_matrix_recall(riverside, alice=alice, bob=bob)
    from groundwork.accountability.tests.positions_factories import build_matrix_positions

    register |= build_matrix_positions(riverside, alice=alice, bob=bob, admin=admin)
    from groundwork.accountability.tests.pledges_factories import build_matrix_pledge

    register["pledge"] = build_matrix_pledge(campaigns["campaign"], register["person"])
    from groundwork.accountability.tests.editing_factories import build_matrix_editing

    register |= build_matrix_editing(riverside, register, alice=alice)

    from groundwork.outcomes.tests.targets_factories import build_matrix_targets

    targets = build_matrix_targets(riverside, alice=alice)

    # outcomes (importing): an import that was applied, not a dry run.
    from groundwork.outcomes.models import IndicatorImport

    outcomes = {
        "import": IndicatorImport.objects.create(
            file_name="cilif.csv", sha256="0" * 64, format="statxplore", status="done"
        )
    }
    from groundwork.api.tests.factories import world_tokens

    access_tokens, api_tokens = world_tokens(
        {"dan": dan, "bob": bob, "carol": carol, "alice": alice, "admin": admin}
    )
    return World(
        api_tokens=api_tokens,
        access_tokens=access_tokens,
        users={
            "anon": None,
            "dan": dan,
            "bob": bob,
            "carol": carol,
            "alice": alice,
            "admin": admin,
        },
        riverside=riverside,
        hillside=hillside,
        bobs_membership=Membership.objects.get(group=riverside, user=bob),
        erins_request=erins_request,
        invitation=invitation,
        democracy=democracy,
        campaigns=campaigns,
        aims_projects=aims_projects,
        events=events,
        library=library,
        register=register,
        recall=recall,
        targets=targets,
        outcomes=outcomes,
    )


def build_democracy(riverside, *, alice, bob) -> dict:
    """Bob's proposal in discussion (a comment, an amendment), his draft, and three ballots."""
    from groundwork.democracy import actions as democracy
    from groundwork.democracy.tests.factories import (
        fast_forward_past_deadline,
        open_ballot,
        vote_for,
    )

    proposal = democracy.do_create_proposal(
        group=riverside, title="Food bank", body="Saturdays.", submit=True, acting_user=bob
    )
    democracy.do_comment(proposal, body="Which hall?", parent=None, acting_user=alice)
    amendment = democracy.do_propose_amendment(
        proposal, summary="Sundays too", new_body="Saturdays and Sundays.", acting_user=alice
    )
    draft = democracy.do_create_proposal(
        group=riverside, title="Half an idea", body="…", submit=False, acting_user=bob
    )
    closed = open_ballot(riverside, alice, method="irv", options=["Ash", "Birch", "Cedar"])
    vote_for(closed, bob, ranking=[1, 0])
    fast_forward_past_deadline(closed)
    draft_ballot = democracy.do_create_ballot(
        group=riverside,
        spec=democracy.BallotSpec(title="Draft", closes_at=timezone.now() + timedelta(days=3)),
        acting_user=alice,
    )
    return {
        "proposal": proposal,
        "amendment": amendment,
        "draft": draft,
        "open": open_ballot(riverside, alice),
        "closed": closed,
        "draft_ballot": draft_ballot,
    }


def client_as(world: World, who: str) -> Client:
    """The member's client, with only their session cookie: nothing carried over between tests.

    Clients are reused because each new one loads the middleware again, and WhiteNoise's scan of
    the static files then costs more than the request itself.
    """
    client = world.clients[who]
    client.cookies = SimpleCookie()
    if who in world.session_keys:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.session_keys[who]
    return client


def assert_cell(response, expected, where: str) -> None:
    if isinstance(expected, str):
        assert response.status_code == 302, (
            f"{where}: expected a redirect, got {response.status_code}"
        )
        assert response.url.split("?")[0] == expected[1:], f"{where}: redirected to {response.url}"
    else:
        assert response.status_code == expected, f"{where}: got {response.status_code}"

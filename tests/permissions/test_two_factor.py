"""Two-factor before acting: organisers and coordinators without it are sent to set it up."""

import pytest
from django.conf import settings
from django.urls import reverse

from conftest import client_for
from groundwork.groups import actions
from groundwork.groups.models import JoinRequest, Membership
from groundwork.groups.tests.factories import UserFactory
from tests.permissions.cells import COORDINATOR, RIVERSIDE_ORGANISER
from tests.permissions.matrix import MATRIX

ORGANISER_ROUTES = [
    name
    for name, row in MATRIX.items()
    if name.startswith(("groups:", "democracy:")) and row.expected == RIVERSIDE_ORGANISER
] + [name for name, row in MATRIX.items() if row.expected[4] == "→/groups/riverside/members/"]
ORGANISER_ROUTES += [
    name
    for name in ("groups:decide_request", "groups:revoke_invitation")
    if name not in ORGANISER_ROUTES
]
# Building a group's courses (their POSTs redirect back to the builder page, not a group page).
ORGANISER_ROUTES += [
    name
    for name in MATRIX
    if name.startswith("learning:group_") and name not in ("learning:group_courses",)
]
COORDINATOR_ROUTES = [name for name, row in MATRIX.items() if row.expected == COORDINATOR]


def test_the_two_factor_lists_cover_every_organiser_and_coordinator_route():
    assert sorted(ORGANISER_ROUTES) == sorted(
        [
            "groups:members",
            "groups:remove_member",
            "groups:change_role",
            "groups:requests",
            "groups:decide_request",
            "groups:invitations",
            "groups:revoke_invitation",
            "groups:edit",
            "groups:audit",
            "democracy:group_ballot_create",
            "democracy:delegates",
            "democracy:group_settings",
            "learning:group_course_create",
            "learning:group_course_edit",
            "learning:group_step_add",
            "learning:group_step_move",
            "learning:group_step_remove",
        ]
    )
    assert sorted(COORDINATOR_ROUTES) == [
        "aims:aim_edit",
        "aims:objective_edit",
        "campaigns:alliance_create",
        "democracy:alliance_ballot_create",
        "events:create_alliance",
        "groups:alliance",
        "groups:alliance_audit",
        "groups:create",
        "learning:course_create",
        "learning:course_edit",
        "learning:step_add",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ORGANISER_ROUTES)
def test_an_organiser_without_two_factor_is_sent_to_set_it_up(world, name):
    olive = UserFactory(email="olive@example.org", display_name="Olive")
    actions.do_appoint_organiser(world.riverside, olive, acting_user=None)
    row = MATRIX[name]
    url = row.url(name, world)
    response = getattr(client_for(olive), row.method)(url, row.data)
    assert response.status_code == 302
    assert response.url.split("?")[0] == reverse("mfa_activate_totp")
    assert f"next={url}" in response.url.replace("%2F", "/")
    # Nothing happened on the way: bob is still a plain member, erin still waiting.
    world.bobs_membership.refresh_from_db()
    assert world.bobs_membership.role == Membership.Role.MEMBER
    world.erins_request.refresh_from_db()
    assert world.erins_request.status == JoinRequest.Status.PENDING


@pytest.mark.django_db
@pytest.mark.parametrize("name", COORDINATOR_ROUTES)
def test_a_coordinator_without_two_factor_is_sent_to_set_it_up(world, name):
    pat = UserFactory(email="pat@example.org", display_name="Pat")
    actions.do_appoint_coordinator(pat, acting_user=None)
    response = client_for(pat).get(MATRIX[name].url(name, world))
    assert response.status_code == 302
    assert response.url.split("?")[0] == reverse("mfa_activate_totp")


@pytest.mark.django_db
def test_the_two_factor_requirement_is_on_in_the_test_settings():
    """Guards the two tests above: with the setting off they would test nothing."""
    assert settings.GROUNDWORK_REQUIRE_TWO_FACTOR is True

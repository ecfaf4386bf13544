"""A user's roles and coordinator status are read once per request, in one query."""

import pytest
from allauth.mfa.utils import is_mfa_enabled
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import client_for
from groundwork.groups.rules import forget_roles, is_coordinator, roles_of
from groundwork.groups.tests.factories import join, with_two_factor
from groundwork.members.models import User
from groundwork.members.rules import has_two_factor

pytestmark = pytest.mark.django_db


def fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)


def test_roles_and_coordination_cost_one_query_together(alice, riverside):
    alice = fresh(alice)
    with CaptureQueriesContext(connection) as asked:
        assert roles_of(alice) == {riverside.pk: "organiser"}
        assert not is_coordinator(alice)
        assert roles_of(alice) == {riverside.pk: "organiser"}
    assert len(asked) == 1


def test_two_factor_comes_with_the_roles_as_allauth_reads_it(alice, bob, riverside, settings):
    """Whether the member has two-factor, which every organiser's page asks, is read in the
    roles' query, and agrees with allauth's own reading, with and without an authenticator."""
    settings.GROUNDWORK_REQUIRE_TWO_FACTOR = True
    for person, expected in ((alice, True), (bob, False)):
        person = fresh(person)
        with CaptureQueriesContext(connection) as asked:
            roles_of(person)
            assert has_two_factor(person) is expected
        assert len(asked) == 1
        assert is_mfa_enabled(fresh(person)) is expected
    with_two_factor(bob)
    bob = fresh(bob)
    with CaptureQueriesContext(connection) as asked:
        roles_of(bob)
        assert has_two_factor(bob)
    assert len(asked) == 1


def test_a_coordinator_in_a_group_is_both(admin, hillside):
    join(hillside, admin)
    admin = fresh(admin)
    assert is_coordinator(admin)
    assert roles_of(admin) == {hillside.pk: "member"}


def test_a_coordinator_in_no_group_has_no_roles(admin):
    admin = fresh(admin)
    assert roles_of(admin) == {}
    assert is_coordinator(admin)


def test_forgetting_the_roles_reads_them_again(dan, hillside):
    assert roles_of(dan) == {}
    join(hillside, dan)
    forget_roles(dan)
    assert roles_of(dan) == {hillside.pk: "member"}


def test_the_home_page_reads_the_member_s_groups_with_their_roles(admin, riverside, hillside):
    """One query of memberships serves the navigation (is the member a coordinator?), the
    roles every section asks for, and the list of the member's groups, by name."""
    join(riverside, admin)
    join(hillside, admin)
    with CaptureQueriesContext(connection) as asked:
        html = client_for(admin).get(reverse("members:home")).content.decode()
    assert sum('"groups_membership"' in query["sql"] for query in asked) == 1
    listed = html.split('id="groups-heading"')[1].split("</section>")[0]
    assert listed.index("Hillside") < listed.index("Riverside")
    assert listed.count("Member ·") == 2
    assert 'href="/groups/riverside/"' in listed
    assert reverse("groups:alliance") in html  # the coordinator's link in the navigation


def test_the_home_page_of_a_coordinator_in_no_group(admin):
    html = client_for(admin).get(reverse("members:home")).content.decode()
    assert "You are not in a group yet." in html
    assert reverse("groups:alliance") in html

"""Each rule that limits a list agrees with its queryset twin in queries.py, for the whole cast."""

import pytest
from django.contrib.auth.models import AnonymousUser

from groundwork.groups.actions import do_appoint_coordinator, do_appoint_organiser
from groundwork.groups.tests.factories import UserFactory
from groundwork.resources import queries
from groundwork.resources.models import Resource
from groundwork.resources.tests.factories import add_resource, ask_for_help, share_skills

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(riverside, hillside, alice, bob, carol, dan, admin):
    olive = UserFactory(email="olive@example.org")
    do_appoint_organiser(hillside, olive, acting_user=None)  # no two-factor
    pat = UserFactory(email="pat@example.org")
    do_appoint_coordinator(pat, acting_user=None)  # no two-factor
    return {
        "anon": AnonymousUser(),
        "dan": dan,
        "bob": bob,
        "carol": carol,
        "alice": alice,
        "admin": admin,
        "olive": olive,
        "pat": pat,
    }


@pytest.fixture
def rows(riverside, hillside, bob, carol, admin):
    for group, author in ((riverside, bob), (hillside, carol)):
        for scope in Resource.Scope.values:
            add_resource(group, author, title=f"{group} {scope}", scope=scope)
        ask_for_help(group, author)
    add_resource(None, admin, title="Alliance public", scope="public")
    add_resource(None, admin, title="Alliance only", scope="alliance")
    share_skills(bob, "Design")


WHO = ["anon", "dan", "bob", "carol", "alice", "admin", "olive", "pat"]


@pytest.mark.parametrize("who", WHO)
def test_resources_visible_to_agrees_with_view_resource(people, rows, who):
    user = people[who]
    listed = set(queries.resources_visible_to(user))
    allowed = {r for r in Resource.objects.all() if user.has_perm("resources.view_resource", r)}
    assert listed == allowed
    # Three public, three for the alliance, one of their own group's.
    expected_count = {"anon": 3, "dan": 3, "bob": 7, "carol": 7, "alice": 7}
    expected_count |= {"admin": 6, "olive": 7, "pat": 6}
    assert len(listed) == expected_count[who]


@pytest.mark.parametrize("who", WHO)
def test_help_requests_visible_to_agrees_with_view_helprequest(people, rows, who):
    user = people[who]
    listed = queries.help_requests_visible_to(user).count()
    assert listed == (2 if user.has_perm("resources.view_helprequest") else 0)
    assert (listed > 0) == (who not in ("anon", "dan"))


@pytest.mark.parametrize("who", WHO)
def test_the_skills_directory_agrees_with_its_rule(people, rows, who):
    user = people[who]
    listed = queries.skills_directory_for(user).count()
    assert listed == (1 if user.has_perm("resources.view_skills_directory") else 0)
    assert (listed > 0) == (who in ("alice", "admin"))

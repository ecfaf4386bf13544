"""Who may write policies and statements, and for whom: the rules, the choices the forms offer
(`groups_to_write_for`, `may_write_for_the_alliance`) and the check the actions make agree, for the
whole cast, olive (organiser of Hillside) and pat (coordinator) lacking two-factor included."""

import pytest
from django.contrib.auth.models import AnonymousUser

from groundwork.accountability import queries
from groundwork.groups.actions import do_appoint_coordinator, do_appoint_organiser
from groundwork.groups.rules import organises_scope
from groundwork.groups.tests.factories import UserFactory
from tests.rules_and_queries.conftest import ORGANISING, PEOPLE, as_asked

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(riverside, hillside, alice, bob, carol, dan, admin) -> dict:
    """The cast, with olive (organiser of Hillside) and pat (coordinator) lacking two-factor."""
    olive = UserFactory(email="olive@example.org", display_name="Olive")
    do_appoint_organiser(hillside, olive, acting_user=None)
    pat = UserFactory(email="pat@example.org", display_name="Pat")
    do_appoint_coordinator(pat, acting_user=None)
    found = {"anon": AnonymousUser(), "dan": dan, "bob": bob, "carol": carol, "alice": alice}
    return found | {"admin": admin, "olive": olive, "pat": pat}


def test_the_forms_offer_exactly_the_scopes_the_actions_accept(people, riverside, hillside):
    groups = {"riverside": riverside, "hillside": hillside}
    for who in PEOPLE:
        user = as_asked(people[who])
        offered = {group.slug for group in queries.groups_to_write_for(user)}
        accepted = {slug for slug, group in groups.items() if organises_scope(user, group.pk)}
        expected = {slug for slug in groups if who in ORGANISING[slug]}
        assert offered == accepted == expected, who
        alliance = queries.may_write_for_the_alliance(user)
        assert alliance == organises_scope(user, None) == (who in ORGANISING["alliance"]), who


def test_only_organisers_and_coordinators_with_two_factor_reach_the_forms(people):
    for who in PEOPLE:
        user = as_asked(people[who])
        may = who in {"alice", "admin"}
        assert user.has_perm("accountability.add_policy") is may, who
        assert user.has_perm("accountability.add_statement") is may, who
        assert user.has_perm("accountability.link_policy") is (who == "admin"), who

"""The people every twin test asks about, and who they are in the groups."""

import pytest
from django.contrib.auth.models import AnonymousUser

from groundwork.groups import actions
from groundwork.groups.tests.factories import UserFactory
from groundwork.members.models import User

PEOPLE = ["anon", "dan", "bob", "carol", "alice", "admin", "olive", "pat"]
# Written out by hand, independently of the rules: who belongs where, and who has two-factor.
MEMBERS = {"riverside": {"bob", "alice"}, "hillside": {"carol", "olive"}}
IN_A_GROUP = MEMBERS["riverside"] | MEMBERS["hillside"]
COORDINATORS = {"admin", "pat"}
# Organisers of each group, and coordinators of the alliance, who have two-factor.
ORGANISING = {"riverside": {"alice"}, "hillside": set(), "alliance": {"admin"}}


@pytest.fixture
def people(riverside, hillside, alice, bob, carol, dan, admin) -> dict:
    """The cast, with olive (organiser of Hillside) and pat (coordinator) lacking two-factor."""
    olive = UserFactory(email="olive@example.org", display_name="Olive")
    actions.do_appoint_organiser(hillside, olive, acting_user=None)
    pat = UserFactory(email="pat@example.org", display_name="Pat")
    actions.do_appoint_coordinator(pat, acting_user=None)
    found = {"anon": AnonymousUser(), "dan": dan, "bob": bob, "carol": carol, "alice": alice}
    return found | {"admin": admin, "olive": olive, "pat": pat}


def as_asked(person):
    """The person as a request would load them: fresh from the database, nothing cached (their
    roles and two-factor are kept on the user object once asked)."""
    if not person.is_authenticated:
        return person
    return User.objects.get(pk=person.pk)

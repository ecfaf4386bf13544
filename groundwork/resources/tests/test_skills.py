"""The skills directory lists only members who consented, and only organisers and coordinators see it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from groundwork.groups.actions import do_appoint_organiser
from groundwork.groups.tests.factories import UserFactory
from groundwork.members.models import ConsentRecord
from groundwork.resources.tests.factories import share_skills

pytestmark = pytest.mark.django_db


@pytest.fixture
def skills(bob, carol, dan):
    share_skills(bob, "Graphic design\nSound engineering", interests="Radio")
    share_skills(carol, "Accounting", consent=False)  # filled in, never shared
    share_skills(dan, "Welsh translation")
    ConsentRecord.objects.filter(user=dan, purpose="share_skills").update(
        withdrawn_at=timezone.now()
    )  # the setting says yes, but the consent was withdrawn


def names(response) -> set[str]:
    return {profile.user.name for profile, _ in response.context["people"]}


@pytest.mark.parametrize("who", ["alice", "admin"])
def test_organisers_and_coordinators_see_only_those_who_consented(skills, alice, admin, who):
    user = {"alice": alice, "admin": admin}[who]
    response = client_for(user).get(reverse("resources:skills"))
    assert response.status_code == 200
    assert names(response) == {"Bob"}
    html = response.content.decode()
    assert "Graphic design" in html
    assert "Accounting" not in html
    assert "Welsh translation" not in html


def test_search_finds_by_skill(skills, alice):
    response = client_for(alice).get(reverse("resources:skills"), {"q": "sound"})
    assert names(response) == {"Bob"}
    response = client_for(alice).get(reverse("resources:skills"), {"q": "accounting"})
    assert names(response) == set()


@pytest.mark.parametrize("who", ["dan", "bob", "carol"])
def test_members_cannot_see_the_directory(skills, dan, bob, carol, who):
    user = {"dan": dan, "bob": bob, "carol": carol}[who]
    assert client_for(user).get(reverse("resources:skills")).status_code == 404


def test_anon_is_sent_to_sign_in(anon):
    response = anon.get(reverse("resources:skills"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_an_organiser_without_two_factor_is_sent_to_set_it_up(skills, riverside):
    olive = UserFactory(email="olive@example.org")
    do_appoint_organiser(riverside, olive, acting_user=None)
    response = client_for(olive).get(reverse("resources:skills"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_activate_totp"))

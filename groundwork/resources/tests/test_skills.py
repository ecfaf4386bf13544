"""The skills directory lists only members who consented, and only organisers and coordinators see it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from groundwork.core.models import AuditEntry
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
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_each_search_is_logged_in_the_alliances_log_with_its_words_and_not_its_results(
    skills, alice, admin, riverside
):
    client = client_for(alice)
    client.get(reverse("resources:skills"), {"q": "sound"})
    client.get(reverse("resources:skills"))
    entries = list(AuditEntry.objects.filter(verb="skills_directory.searched").order_by("id"))
    assert [entry.new for entry in entries] == [
        {"terms": "sound", "page": 1},
        {"terms": "", "page": 1},
    ]
    assert all(entry.actor == alice and entry.group_id is None for entry in entries)
    # Who was found is not in the entry: bob matched "sound", and his name is nowhere in it.
    assert all("Bob" not in str(entry.new) + entry.target_label for entry in entries)
    # Coordinators read it in the alliance's log; Riverside's own log does not carry it.
    alliance_log = client_for(admin).get(reverse("groups:alliance_audit")).content.decode()
    assert "searched the skills directory" in alliance_log and "sound" in alliance_log
    group_log = client.get(reverse("groups:audit", kwargs={"slug": "riverside"}))
    assert "searched the skills directory" not in group_log.content.decode()


def test_a_coordinators_search_is_logged_too(skills, admin):
    client_for(admin).get(reverse("resources:skills"), {"q": "design", "page": "1"})
    entry = AuditEntry.objects.get(verb="skills_directory.searched")
    assert entry.actor == admin and entry.new == {"terms": "design", "page": 1}


@pytest.mark.parametrize("who", ["dan", "bob", "carol"])
def test_a_refused_look_at_the_directory_logs_nothing(skills, who, request):
    client_for(request.getfixturevalue(who)).get(reverse("resources:skills"), {"q": "sound"})
    assert not AuditEntry.objects.filter(verb="skills_directory.searched").exists()


def test_an_organiser_sent_to_set_up_two_factor_logs_nothing(skills, riverside):
    olive = UserFactory(email="olive2@example.org")
    do_appoint_organiser(riverside, olive, acting_user=None)
    client_for(olive).get(reverse("resources:skills"), {"q": "sound"})
    assert not AuditEntry.objects.filter(verb="skills_directory.searched").exists()


def test_the_directory_asks_a_fixed_number_of_queries_whatever_its_size(alice, riverside):
    from tests.test_query_counts import add_members, assert_fixed_queries

    have = {"members": 0}

    def grow(n: int) -> str:
        for user in add_members(riverside, have["members"], n):
            share_skills(user, f"Skill of member {user.display_name[-3:]}")
        have["members"] = n
        return "Member 001"

    url = reverse("resources:skills") + "?q=skill"
    assert_fixed_queries(client_for(alice), url, grow)
    assert AuditEntry.objects.filter(verb="skills_directory.searched").count() == 3

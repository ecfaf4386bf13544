"""The member list an organiser reads: its order, its pages, and the names it is sorted by."""

import re
from html import unescape

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from conftest import client_for
from groundwork.groups.models import Membership
from groundwork.groups.queries import MEMBERS_PER_PAGE
from groundwork.groups.tests.factories import UserFactory, join, make_organiser, with_two_factor
from groundwork.members.actions import do_update_profile
from groundwork.members.models import Profile, User

pytestmark = pytest.mark.django_db

LIST = reverse("groups:members", args=["riverside"])
# Names that tie, so that people of the same name must be told apart by when they joined.
NAMES = ["Sam Patel", "Ana Silva", "Jo Brown", "Sam Patel", "Zoe Wu", "ana silva", "Jo Brown"]


@pytest.fixture
def crowd(riverside, alice):
    """Alice and two more organisers, and more members than two pages hold (names that tie)."""
    for number, name in enumerate(["Yan Organiser", "Bea Organiser"]):
        make_organiser(
            riverside, UserFactory(email=f"organiser{number}@example.org", display_name=name)
        )
    for number in range(2 * MEMBERS_PER_PAGE + 7):
        name = NAMES[number % len(NAMES)]
        join(riverside, UserFactory(email=f"m{number}@example.org", display_name=name))


def expected_order(group) -> list[int]:
    """Organisers first, then members; each by name, those of the same name by when they joined."""
    memberships = Membership.objects.filter(group=group).select_related("user")
    ranked = sorted(memberships, key=lambda m: (m.role != "organiser", m.user.display_name, m.pk))
    return [membership.pk for membership in ranked]


def read(client, url: str) -> tuple[list[int], dict[str, str]]:
    """The memberships a page shows, and its links to other pages by their rel or name."""
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    links = {}
    for href, rel, text in re.findall(r'<a href="(\?[^"]*)"(?: rel="(\w+)")?>([^<]+)</a>', html):
        links[rel or text] = LIST + unescape(href).split("#")[0]
    return [row["pk"] for row in response.context["page"].object_list], links


def test_next_links_take_an_organiser_through_every_member_once_in_order(alice, crowd, riverside):
    client = client_for(alice)
    seen: list[int] = []
    url: str | None = LIST
    pages = 0
    while url:
        rows, links = read(client, url)
        seen += rows
        pages += 1
        url = links.get("next")
    assert seen == expected_order(riverside)
    assert len(seen) == Membership.objects.filter(group=riverside).count() and pages == 3


def test_previous_links_from_the_last_page_go_back_through_every_member(alice, crowd, riverside):
    client = client_for(alice)
    rows, links = read(client, LIST)
    seen: list[int] = []
    url: str | None = links["Last"]
    while url:
        rows, links = read(client, url)
        seen = rows + seen
        url = links.get("prev")
    assert seen == expected_order(riverside)


def test_organisers_come_first_and_the_count_is_the_groups(alice, crowd, riverside):
    response = client_for(alice).get(LIST)
    names = [row["user__display_name"] for row in response.context["page"].object_list]
    assert names[:3] == ["Alice", "Bea Organiser", "Yan Organiser"]
    assert f"{riverside.member_count} members." in response.content.decode()


@pytest.mark.parametrize("keys", ["after=99999999", "before=nonsense", "after=-4"])
def test_an_address_with_a_key_that_is_not_a_member_shows_the_first_page(alice, crowd, keys):
    client = client_for(alice)
    assert read(client, f"{LIST}?{keys}")[0] == read(client, LIST)[0]


def test_a_member_who_changes_their_name_moves_in_the_list(alice, bob, riverside):
    zed = UserFactory(display_name="Zed")
    join(riverside, zed)
    values: dict[str, str | bool] = {"pronouns": "", "postcode_district": ""}
    values |= {"skills": "", "interests": "", "share_skills": False, "show_pronouns": False}
    values |= {"allow_organiser_contact": True}
    do_update_profile(bob, display_name="Zuri", values=values, acting_user=bob)
    response = client_for(alice).get(LIST)
    assert [row["user__display_name"] for row in response.context["page"].object_list] == [
        "Alice",
        "Zed",
        "Zuri",
    ]
    assert Membership.objects.get(user=bob).member_name == "Zuri"


def test_a_name_changed_in_the_admin_moves_the_member_too(bob, riverside):
    staff = with_two_factor(UserFactory(email="staff@example.org", is_staff=True))
    staff.user_permissions.add(Permission.objects.get(codename="change_user"))
    form = {"email": bob.email, "display_name": "Zuri", "is_active": "on"}
    form |= {"date_joined_0": "2026-01-01", "date_joined_1": "10:00:00"}
    response = client_for(staff).post(reverse("admin:members_user_change", args=[bob.pk]), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.get(pk=bob.pk).display_name == "Zuri"
    assert Membership.objects.get(user=bob).member_name == "Zuri"


def test_members_joining_keep_their_name_on_the_membership(bob, riverside):
    assert Membership.objects.get(group=riverside, user=bob).member_name == "Bob"


def test_each_row_shows_what_the_member_shares_and_posts_to_its_own_forms(alice, bob, riverside):
    carol = UserFactory(display_name="Carol <b>&", email="carol@example.org")
    join(riverside, carol)
    Profile.objects.filter(user=bob).update(
        pronouns="he/him", show_pronouns=True, allow_organiser_contact=False
    )
    Profile.objects.filter(user=carol).update(pronouns="she/her", show_pronouns=False)
    html = client_for(alice).get(LIST).content.decode()
    rows = re.findall(r"<tr>\s*<td>(.*?)</tr>", html, re.S)
    assert len(rows) == 3
    alice_row, bob_row, carol_row = rows
    assert "<form" not in alice_row  # her own row: no buttons
    assert "Bob (he/him)" in bob_row and "bob@example.org" not in bob_row
    assert "not shared" in bob_row and "carol@example.org" in carol_row
    assert "Carol &lt;b&gt;&amp;</td>" in carol_row and "she/her" not in carol_row
    assert 'aria-label="Remove Carol &lt;b&gt;&amp;"' in carol_row
    for row, user in ((bob_row, bob), (carol_row, carol)):
        membership = Membership.objects.get(group=riverside, user=user)
        role = reverse("groups:change_role", args=["riverside", membership.pk])
        remove = reverse("groups:remove_member", args=["riverside", membership.pk])
        assert f'action="{role}"' in row and f'action="{remove}"' in row
        assert row.count('name="csrfmiddlewaretoken"') == 2
        assert 'value="organiser"><button type="submit" class="secondary">Make organiser' in row
    joined = Membership.objects.get(group=riverside, user=bob).joined_at
    assert f"<td>{joined:%-d %b %Y}</td>" in bob_row and "<td>Member</td>" in bob_row
    assert "<td>Organiser</td>" in alice_row


def test_the_forms_of_a_row_change_the_role_and_remove_the_member(alice, bob, riverside):
    client = client_for(alice)
    rows = client.get(LIST).content.decode().split("<tbody>")[1].split("</tbody>")[0]
    role_action, remove_action = re.findall(r'<form method="post" action="([^"]+)"', rows)
    client.post(role_action, {"role": "organiser"})
    assert Membership.objects.get(group=riverside, user=bob).role == "organiser"
    html = client.get(LIST).content.decode()
    assert "Make member" in html
    client.post(remove_action)
    assert not Membership.objects.filter(group=riverside, user=bob).exists()


def test_a_member_without_a_profile_is_listed_with_nothing_shared(alice, bob, riverside):
    Profile.objects.filter(user=bob).delete()
    html = client_for(alice).get(LIST).content.decode()
    bob_row = re.findall(r"<tr>\s*<td>(Bob.*?)</tr>", html, re.S)[0]
    assert "not shared" in bob_row and "bob@example.org" not in bob_row

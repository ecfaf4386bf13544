"""Bad input gets a clear message next to the field and loses nothing that was typed.

Every form of the project is sent something wrong. The page must come back (400 from our views,
200 from allauth's) with the message in the field's error list (`id_<field>_error`, as Django 6
renders it), the input marked `aria-invalid="true"` and pointing at that list, and the typed
value still in the input; and nothing must have been saved. Double submissions are harmless.
"""

import dataclasses
import re
from dataclasses import dataclass
from html import escape, unescape

import pytest
from django.urls import reverse

from conftest import client_for
from groundwork.core.models import AuditEntry
from groundwork.democracy.models import GroupDemocracySettings
from groundwork.groups.models import Group, Invitation, JoinRequest, Membership
from groundwork.members.models import ConsentRecord, User

pytestmark = pytest.mark.django_db

PASSPHRASE = "a long enough passphrase"
SIGN_UP = {
    "email": "newcomer@example.org",
    "display_name": "Nia Newcomer",
    "password1": PASSPHRASE,
    "password2": PASSPHRASE,
    "agree_privacy": "on",
}
PROFILE = {
    "display_name": "Dan",
    "pronouns": "he/him",
    "postcode_district": "SE15",
    "skills": "Leafleting",
    "interests": "Housing",
    "show_pronouns": "on",
    "allow_organiser_contact": "on",
}
GROUP = {
    "name": "Peckham Action",
    "kind": "local",
    "description": "Organising in Peckham.",
    "join_policy": "open",
    "area_name": "Southwark",
    "ons_code": "E09000028",
    "latitude": "51.47",
    "longitude": "-0.069",
    "contact_email": "peckham@example.org",
    "districts": "SE15, SE5",
}


def input_tag(html: str, name: str) -> str:
    match = re.search(rf'<(input|textarea|select)\b[^>]*\bid="id_{name}"[^>]*>', html)
    assert match, f"no input with id id_{name}"
    return match.group(0)


def assert_field_error(html: str, name: str, message: str, typed: str | None = None) -> None:
    """`message` is in the error list of field `name`, the input says so, and keeps `typed`."""
    errors = re.search(
        rf'<ul class="errorlist"[^>]*\bid="id_{name}_error"[^>]*>(.*?)</ul>', html, re.S
    )
    assert errors, f"no error list id_{name}_error on the page"
    assert message in unescape(errors.group(1)), unescape(errors.group(1))
    tag = input_tag(html, name)
    assert 'aria-invalid="true"' in tag, tag
    described_by = re.search(r'aria-describedby="([^"]*)"', tag)
    assert described_by and f"id_{name}_error" in described_by.group(1).split(), tag
    if typed is not None:
        assert_kept(html, name, typed)


def assert_kept(html: str, name: str, typed: str) -> None:
    tag = input_tag(html, name)
    if tag.startswith("<textarea"):
        after = html[html.index(tag) + len(tag) :]
        assert after.lstrip("\n").startswith(escape(typed)), "the textarea lost what was typed"
    else:
        assert f'value="{escape(typed)}"' in tag, tag


@dataclass
class Case:
    who: str  # a fixture of the cast
    url: str
    args: list
    data: dict
    field: str
    message: str
    typed: str | None
    status: int
    kept: dict = dataclasses.field(default_factory=dict)  # other fields whose values must survive


CASES = {
    "ask for a group: not a postcode district": Case(
        "anon",
        "groups:request_group",
        [],
        {"district": "SE22 XX", "email": "nia@example.org", "consent": "on"},
        "district",
        "Enter a postcode district, such as SE15, or a whole postcode.",
        "SE22 XX",
        400,
        {"email": "nia@example.org"},
    ),
    "sign-up: invalid email": Case(
        "anon",
        "account_signup",
        [],
        {**SIGN_UP, "email": "not-an-email"},
        "email",
        "Enter a valid email address.",
        "not-an-email",
        200,
        {"display_name": "Nia Newcomer"},
    ),
    "sign-up: no name": Case(
        "anon",
        "account_signup",
        [],
        {**SIGN_UP, "display_name": ""},
        "display_name",
        "This field is required.",
        None,
        200,
        {"email": "newcomer@example.org"},
    ),
    "sign-up: privacy notice not agreed": Case(
        "anon",
        "account_signup",
        [],
        {**SIGN_UP, "agree_privacy": ""},
        "agree_privacy",
        "You need to agree to the privacy notice to join.",
        None,
        200,
        {"email": "newcomer@example.org", "display_name": "Nia Newcomer"},
    ),
    "sign-up: passwords differ": Case(
        "anon",
        "account_signup",
        [],
        {**SIGN_UP, "password2": "a different passphrase"},
        "password2",
        "You must type the same password each time.",
        None,
        200,
        {"email": "newcomer@example.org", "display_name": "Nia Newcomer"},
    ),
    "sign-up: password too short": Case(
        "anon",
        "account_signup",
        [],
        {**SIGN_UP, "password1": "short", "password2": "short"},
        "password1",
        "at least 10 characters",
        None,
        200,
        {"email": "newcomer@example.org"},
    ),
    "login: invalid email": Case(
        "anon",
        "account_login",
        [],
        {"login": "not-an-email", "password": "whatever it is"},
        "login",
        "Enter a valid email address.",
        "not-an-email",
        200,
    ),
    "profile: postcode district": Case(
        "dan",
        "members:profile",
        [],
        {**PROFILE, "postcode_district": "NOT A POSTCODE"},
        "postcode_district",
        "Enter the first half of a UK postcode, such as SE15 or M1.",
        "NOT A POSTCODE",
        400,
        {"pronouns": "he/him", "display_name": "Dan"},
    ),
    "profile: no name": Case(
        "dan",
        "members:profile",
        [],
        {**PROFILE, "display_name": ""},
        "display_name",
        "This field is required.",
        None,
        400,
        {"pronouns": "he/him"},
    ),
    "group create: ONS code": Case(
        "admin",
        "groups:create",
        [],
        {**GROUP, "ons_code": "X123"},
        "ons_code",
        "Enter a nine-character ONS code, such as E09000028.",
        "X123",
        400,
        {"name": "Peckham Action", "districts": "SE15, SE5"},
    ),
    "group create: latitude without longitude": Case(
        "admin",
        "groups:create",
        [],
        {**GROUP, "longitude": ""},
        "longitude",
        "Give both latitude and longitude, or neither.",
        None,
        400,
        {"latitude": "51.47", "name": "Peckham Action"},
    ),
    "group create: postcode districts": Case(
        "admin",
        "groups:create",
        [],
        {**GROUP, "districts": "NOT A POSTCODE"},
        "districts",
        "These are not postcode districts: NOT, A, POSTCODE.",
        "NOT A POSTCODE",
        400,
        {"name": "Peckham Action"},
    ),
    "group create: contact email": Case(
        "admin",
        "groups:create",
        [],
        {**GROUP, "contact_email": "not-an-email"},
        "contact_email",
        "Enter a valid email address.",
        "not-an-email",
        400,
        {"ons_code": "E09000028"},
    ),
    "group create: no name": Case(
        "admin",
        "groups:create",
        [],
        {**GROUP, "name": ""},
        "name",
        "This field is required.",
        None,
        400,
        {"area_name": "Southwark"},
    ),
    "group create: latitude out of range": Case(
        "admin",
        "groups:create",
        [],
        {**GROUP, "latitude": "91"},
        "latitude",
        "less than or equal to 90",
        "91",
        400,
    ),
    "group edit: ONS code": Case(
        "alice",
        "groups:edit",
        ["riverside"],
        {**GROUP, "ons_code": "X123"},
        "ons_code",
        "Enter a nine-character ONS code, such as E09000028.",
        "X123",
        400,
        {"description": "Organising in Peckham."},
    ),
    "group edit: latitude without longitude": Case(
        "alice",
        "groups:edit",
        ["riverside"],
        {**GROUP, "longitude": ""},
        "longitude",
        "Give both latitude and longitude, or neither.",
        None,
        400,
        {"latitude": "51.47"},
    ),
    "group edit: postcode districts": Case(
        "alice",
        "groups:edit",
        ["riverside"],
        {**GROUP, "districts": "SE15, NOT A POSTCODE"},
        "districts",
        "These are not postcode districts: NOT, A, POSTCODE.",
        "SE15, NOT A POSTCODE",
        400,
    ),
    "invite: invalid email": Case(
        "alice",
        "groups:invitations",
        ["riverside"],
        {"email": "not-an-email"},
        "email",
        "Enter a valid email address.",
        "not-an-email",
        400,
    ),
    "democracy settings: negative supporters": Case(
        "alice",
        "democracy:group_settings",
        ["riverside"],
        {"supporters_to_vote": "-1", "discussion_days": "14"},
        "supporters_to_vote",
        "Ensure this value is greater than or equal to 0.",
        "-1",
        400,
        {"discussion_days": "14"},
    ),
    "democracy settings: discussion too long": Case(
        "alice",
        "democracy:group_settings",
        ["riverside"],
        {"supporters_to_vote": "3", "discussion_days": "120"},
        "discussion_days",
        "Ensure this value is less than or equal to 90.",
        "120",
        400,
        {"supporters_to_vote": "3"},
    ),
    "democracy settings: discussion in words": Case(
        "alice",
        "democracy:group_settings",
        ["riverside"],
        {"supporters_to_vote": "3", "discussion_days": "two weeks"},
        "discussion_days",
        "Enter a whole number.",
        "two weeks",
        400,
        {"supporters_to_vote": "3"},
    ),
    "join with a message: too long": Case(
        "dan",
        "groups:join",
        ["hillside"],
        {"message": "I live in SE23. " * 70},
        "message",
        "Ensure this value has at most 1000 characters",
        "I live in SE23. " * 70,
        400,
    ),
}


def snapshot() -> dict:
    """What a refused form must leave exactly as it was."""
    return {
        "users": User.objects.count(),
        "groups": list(Group.objects.order_by("pk").values()),
        "invitations": Invitation.objects.count(),
        "requests": JoinRequest.objects.count(),
        "memberships": Membership.objects.count(),
        "consents": ConsentRecord.objects.count(),
        "audit": AuditEntry.objects.count(),
        "democracy_settings": list(GroupDemocracySettings.objects.values()),
        "profiles": list(
            User.objects.order_by("pk").values_list("display_name", "profile__pronouns")
        ),
    }


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_bad_input_is_answered_next_to_the_field_and_nothing_is_lost(
    request, case, riverside, hillside, alice, bob, carol, dan, admin
):
    user = request.getfixturevalue(case.who) if case.who != "anon" else None
    client = client_for(user) if user else request.getfixturevalue("anon")
    before = snapshot()
    response = client.post(reverse(case.url, args=case.args), case.data)
    assert response.status_code == case.status
    html = response.content.decode()
    assert_field_error(html, case.field, case.message, case.typed)
    for name, typed in case.kept.items():
        assert_kept(html, name, typed)
    # The summary at the top of the form names the problem too, linking to the field.
    assert f'href="#id_{case.field}"' in html
    assert snapshot() == before


def test_a_wrong_password_is_refused_with_a_message_and_keeps_the_email(anon, alice):
    response = anon.post(
        reverse("account_login"), {"login": "alice@example.org", "password": "not her password"}
    )
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "The email address and/or password you specified are not correct." in html
    assert_kept(response.content.decode(), "login", "alice@example.org")
    assert "_auth_user_id" not in anon.session


def test_signing_up_with_a_taken_address_does_not_reveal_it(anon, alice):
    """Sign-up answers as for a new address (an email goes to the owner), making no account."""
    response = anon.post(reverse("account_signup"), {**SIGN_UP, "email": "alice@example.org"})
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert User.objects.filter(email="alice@example.org").count() == 1
    assert User.objects.get(email="alice@example.org").display_name == "Alice"


# --- double submissions ---------------------------------------------------------------------


def test_signing_up_twice_makes_one_account(anon):
    first = anon.post(reverse("account_signup"), SIGN_UP)
    second = anon.post(reverse("account_signup"), SIGN_UP)
    assert first.status_code == 302
    assert second.status_code in (200, 302)
    user = User.objects.get(email="newcomer@example.org")
    assert user.consents.filter(purpose="privacy_policy").count() == 1


def test_asking_to_join_twice_makes_one_request(hillside, dan):
    client = client_for(dan)
    url = reverse("groups:join", args=["hillside"])
    responses = [client.post(url, {"message": "I live in SE23."}) for _ in range(2)]
    assert [r.status_code for r in responses] == [302, 302]
    assert JoinRequest.objects.filter(group=hillside, user=dan, status="pending").count() == 1
    assert AuditEntry.objects.filter(verb="join_request.made").count() == 1


def test_inviting_twice_sends_the_same_invitation_again(alice, riverside):
    client = client_for(alice)
    url = reverse("groups:invitations", args=["riverside"])
    responses = [client.post(url, {"email": "Newcomer@Example.org"}) for _ in range(2)]
    assert [r.status_code for r in responses] == [302, 302]
    (invitation,) = Invitation.objects.filter(group=riverside)
    assert invitation.email == "newcomer@example.org" and invitation.status == "pending"
    verbs = list(AuditEntry.objects.filter(verb__startswith="invitation.").values_list("verb"))
    assert sorted(verbs) == [("invitation.resent",), ("invitation.sent",)]


def test_creating_the_same_group_twice_makes_one_and_says_why(admin):
    client = client_for(admin)
    first = client.post(reverse("groups:create"), GROUP)
    second = client.post(reverse("groups:create"), GROUP)
    assert first.status_code == 302
    assert second.status_code == 400
    assert_field_error(second.content.decode(), "name", "already exists", typed="Peckham Action")
    assert Group.objects.filter(name="Peckham Action").count() == 1


def test_saving_the_profile_twice_records_consent_once(dan):
    client = client_for(dan)
    form = {**PROFILE, "share_skills": "on"}
    responses = [client.post(reverse("members:profile"), form) for _ in range(2)]
    assert [r.status_code for r in responses] == [302, 302]
    assert dan.consents.filter(purpose="share_skills", withdrawn_at=None).count() == 1


def test_editing_a_group_twice_leaves_one_set_of_districts(alice, riverside):
    client = client_for(alice)
    url = reverse("groups:edit", args=["riverside"])
    data = {**GROUP, "name": "Riverside"}
    responses = [client.post(url, data) for _ in range(2)]
    assert [r.status_code for r in responses] == [302, 302]
    districts = list(riverside.postcode_districts.values_list("district", flat=True))
    assert sorted(districts) == ["SE15", "SE5"]
    # The second save changed nothing, and its audit entry says so.
    second = AuditEntry.objects.filter(verb="group.updated").order_by("-id").first()
    assert second is not None and second.old == {} and second.new == {}


def test_deciding_a_request_twice_approves_once_and_says_so(alice, riverside, dan):
    request = JoinRequest.objects.create(group=riverside, user=dan)
    client = client_for(alice)
    url = reverse("groups:decide_request", args=["riverside", request.pk])
    client.post(url, {"decision": "approve"})
    second = client.post(url, {"decision": "approve"}, follow=True)
    assert second.status_code == 200
    assert "This request was already approved." in unescape(second.content.decode())
    assert Membership.objects.filter(group=riverside, user=dan).count() == 1
    riverside.refresh_from_db()
    assert riverside.member_count == 2  # alice and dan


def test_withdrawing_a_consent_twice_is_harmless(dan):
    client = client_for(dan)
    url = reverse("members:withdraw_consent", args=["organiser_contact"])
    assert [client.post(url).status_code for _ in range(2)] == [302, 302]
    assert dan.consents.filter(purpose="organiser_contact").count() == 1
    assert AuditEntry.objects.filter(verb="consent.withdrawn", actor=dan).count() == 1


def test_an_unknown_role_is_refused_with_a_message(alice, bob, riverside):
    membership = Membership.objects.get(group=riverside, user=bob)
    response = client_for(alice).post(
        reverse("groups:change_role", args=["riverside", membership.pk]),
        {"role": "dictator"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Choose a role: member or organiser." in unescape(response.content.decode())
    membership.refresh_from_db()
    assert membership.role == "member"

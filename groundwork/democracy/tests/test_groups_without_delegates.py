"""An alliance ballot of delegates opens while local groups have no delegates only once the
coordinator, shown which groups, confirms: their members then have no voice in it."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from groundwork.core.models import AuditEntry
from groundwork.democracy import actions
from groundwork.democracy.models import Ballot, Elector
from groundwork.democracy.queries import groups_without_delegates
from groundwork.democracy.tests.factories import appoint_tellers
from groundwork.groups.models import Group
from groundwork.groups.tests.factories import GroupFactory, UserFactory, join

pytestmark = pytest.mark.django_db


def draft_delegates_ballot(coordinator) -> Ballot:
    spec = actions.BallotSpec(
        title="Conference motion: a national rent strike fund",
        closes_at=timezone.now() + timedelta(days=7),
        electorate=Ballot.Electorate.DELEGATES,
    )
    return actions.do_create_ballot(group=None, spec=spec, acting_user=coordinator)


@pytest.fixture(autouse=True)
def alliance_tellers(admin):
    """The alliance's ballots are secret: the coordinator holds their box's key."""
    appoint_tellers(None, admin)


@pytest.fixture
def riverside_delegate(alice, bob, riverside):
    """Riverside (alice and bob) names alice its delegate; Hillside (carol) names nobody."""
    actions.do_set_delegates(riverside, user_ids=[alice.pk], acting_user=alice)


def test_opening_is_refused_while_hillside_has_no_delegates(
    admin, carol, hillside, riverside_delegate
):
    ballot = draft_delegates_ballot(admin)
    with pytest.raises(actions.GroupsWithoutDelegates) as refusal:
        actions.check_open_ballot(ballot, acting_user=admin)
    assert [group.name for group in refusal.value.groups] == ["Hillside"]
    assert refusal.value.message.startswith("1 local group has members but no delegates")
    ballot.refresh_from_db()
    assert ballot.status == Ballot.Status.DRAFT
    assert not Elector.objects.filter(ballot=ballot).exists()


def test_confirming_the_groups_shown_opens_the_ballot_without_hillsides_weight(
    admin, alice, carol, hillside, riverside_delegate
):
    ballot = actions.check_open_ballot(
        draft_delegates_ballot(admin), acting_user=admin, without_delegates_from=[hillside.pk]
    )
    assert ballot.status == Ballot.Status.OPEN
    assert dict(Elector.objects.filter(ballot=ballot).values_list("user_id", "weight")) == {
        alice.pk: 2  # Riverside's two members; Hillside's one counts nowhere
    }
    assert ballot.electorate_weight == 2


def test_the_opening_in_the_audit_log_names_the_groups_confirmed_without_delegates(
    admin, carol, hillside, riverside_delegate
):
    ballot = actions.check_open_ballot(
        draft_delegates_ballot(admin), acting_user=admin, without_delegates_from=[hillside.pk]
    )
    entry = AuditEntry.objects.get(verb="ballot.opened", target_id=ballot.pk)
    assert entry.new["groups_without_delegates"] == [{"id": hillside.pk, "name": "Hillside"}]


def test_a_group_that_lost_its_voice_since_the_list_was_shown_is_asked_about_again(
    admin, carol, hillside, riverside_delegate
):
    ballot = draft_delegates_ballot(admin)
    seaside = GroupFactory(name="Seaside", slug="seaside")
    join(seaside, UserFactory())
    with pytest.raises(actions.GroupsWithoutDelegates) as refusal:
        actions.check_open_ballot(ballot, acting_user=admin, without_delegates_from=[hillside.pk])
    assert refusal.value.changed
    assert [group.name for group in refusal.value.groups] == ["Hillside", "Seaside"]
    assert "have changed since you were shown them: 2 local groups" in refusal.value.message
    ballot.refresh_from_db()
    assert ballot.status == Ballot.Status.DRAFT


def test_a_list_shown_before_one_group_chose_its_delegates_is_asked_about_again(
    admin, carol, hillside, riverside_delegate
):
    ballot = draft_delegates_ballot(admin)
    seaside = GroupFactory(name="Seaside", slug="seaside")
    join(seaside, UserFactory())
    shown = [hillside.pk, seaside.pk]
    actions.do_set_delegates(hillside, user_ids=[carol.pk], acting_user=carol)
    with pytest.raises(actions.GroupsWithoutDelegates) as refusal:
        actions.check_open_ballot(ballot, acting_user=admin, without_delegates_from=shown)
    assert [group.name for group in refusal.value.groups] == ["Seaside"]


def test_a_ballot_with_every_group_represented_opens_without_the_question(
    admin, alice, carol, hillside, riverside, riverside_delegate
):
    actions.do_set_delegates(hillside, user_ids=[carol.pk], acting_user=carol)
    ballot = actions.check_open_ballot(draft_delegates_ballot(admin), acting_user=admin)
    assert ballot.status == Ballot.Status.OPEN
    assert ballot.electorate_weight == 3
    entry = AuditEntry.objects.get(verb="ballot.opened", target_id=ballot.pk)
    assert entry.new["groups_without_delegates"] == []


def test_only_local_groups_with_members_are_asked_for_delegates(carol, hillside):
    working = GroupFactory(name="Housing working group", kind=Group.Kind.WORKING)
    region = GroupFactory(name="South London", kind=Group.Kind.REGION)
    for group in (working, region):
        join(group, UserFactory())
    GroupFactory(name="Empty Vale")  # a local group nobody has joined yet has no weight to lose
    assert [group.name for group in groups_without_delegates()] == ["Hillside"]


def test_other_electorates_open_as_before_whoever_has_delegates(alice, bob, carol, riverside):
    from groundwork.democracy.tests.factories import open_ballot

    ballot = open_ballot(riverside, alice)
    assert ballot.status == Ballot.Status.OPEN
    entry = AuditEntry.objects.get(verb="ballot.opened", target_id=ballot.pk)
    assert "groups_without_delegates" not in entry.new


# --- the page ---------------------------------------------------------------------------------

HIDDEN = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)"')


def hidden_fields(html: str) -> dict[str, str]:
    return dict(HIDDEN.findall(html))


def coordinator_client(admin) -> Client:
    """The coordinator's browser, with CSRF checked as in production."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)
    return client


def test_the_coordinator_is_shown_the_groups_and_opens_the_ballot_with_the_form_alone(
    admin, carol, hillside, riverside_delegate
):
    ballot = draft_delegates_ballot(admin)
    client = coordinator_client(admin)
    page = client.get(reverse("democracy:ballot", args=[ballot.pk])).content.decode()
    token = hidden_fields(page)["csrfmiddlewaretoken"]
    open_url = reverse("democracy:ballot_open", args=[ballot.pk])

    asked = client.post(open_url, {"csrfmiddlewaretoken": token})
    html = asked.content.decode()
    assert asked.status_code == 200
    assert "1 local group has members but no delegates" in html
    assert f'<a href="{hillside.get_absolute_url()}">Hillside</a></td><td>1</td>' in html
    assert "Open the ballot without these groups' votes" in html
    ballot.refresh_from_db()
    assert ballot.status == Ballot.Status.DRAFT

    confirmed = client.post(open_url, hidden_fields(html))
    assert confirmed.status_code == 302
    ballot.refresh_from_db()
    assert ballot.status == Ballot.Status.OPEN
    assert not Elector.objects.filter(ballot=ballot, user=carol).exists()


def test_the_page_asks_again_with_the_new_list_when_it_changed(
    admin, carol, hillside, riverside_delegate
):
    ballot = draft_delegates_ballot(admin)
    client = coordinator_client(admin)
    page = client.get(reverse("democracy:ballot", args=[ballot.pk])).content.decode()
    open_url = reverse("democracy:ballot_open", args=[ballot.pk])
    asked = client.post(open_url, hidden_fields(page)).content.decode()
    GroupFactory(name="Seaside", slug="seaside")
    join(Group.objects.get(slug="seaside"), UserFactory())

    again = client.post(open_url, hidden_fields(asked))
    html = again.content.decode()
    assert 'role="alert"' in html and "have changed since you were shown them" in html
    assert ">Seaside</a>" in html and ">Hillside</a>" in html
    ballot.refresh_from_db()
    assert ballot.status == Ballot.Status.DRAFT


def test_a_confirmation_without_its_csrf_token_is_refused(
    admin, carol, hillside, riverside_delegate
):
    ballot = draft_delegates_ballot(admin)
    response = coordinator_client(admin).post(
        reverse("democracy:ballot_open", args=[ballot.pk]),
        {"without_delegates_from": str(hillside.pk)},
    )
    assert response.status_code == 403
    ballot.refresh_from_db()
    assert ballot.status == Ballot.Status.DRAFT


@pytest.mark.parametrize("name", ["anon", "dan", "bob", "carol", "alice"])
def test_nobody_but_the_coordinator_reaches_the_question(
    name, cast, admin, hillside, riverside_delegate
):
    ballot = draft_delegates_ballot(admin)
    response = cast[name].post(
        reverse("democracy:ballot_open", args=[ballot.pk]),
        {"without_delegates_from": str(hillside.pk)},
    )
    assert response.status_code == (302 if name == "anon" else 404)  # anon: to sign in
    assert b"Hillside" not in response.content
    ballot.refresh_from_db()
    assert ballot.status == Ballot.Status.DRAFT


def test_the_question_costs_the_same_queries_for_one_group_or_ten(admin, riverside_delegate):
    def queries_to_ask(ballot: Ballot) -> int:
        client = client_for(admin)
        with CaptureQueriesContext(connection) as queries:
            response = client.post(reverse("democracy:ballot_open", args=[ballot.pk]))
        assert response.status_code == 200
        return len(queries)

    def add_groups_without_delegates(count: int) -> None:
        for _ in range(count):
            join(GroupFactory(), UserFactory())

    add_groups_without_delegates(1)
    one = queries_to_ask(draft_delegates_ballot(admin))
    add_groups_without_delegates(9)
    assert queries_to_ask(draft_delegates_ballot(admin)) == one

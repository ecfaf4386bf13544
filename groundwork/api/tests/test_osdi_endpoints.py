"""The OSDI endpoints (/api/v1/osdi/): who reads which people, events, attendances, petitions and
signatures, with which token, in the HAL+JSON shapes, in a fixed number of queries."""

import secrets
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from groundwork.api.models import AccessToken
from groundwork.api.models.tokens import TOKEN_MARK, hash_secret
from groundwork.campaigns.models import Petition, Signature
from groundwork.campaigns.tests.factories import open_petition, sign_and_verify, start_campaign
from groundwork.core.models import AuditEntry
from groundwork.events.models import Event
from groundwork.events.tests.factories import going, plan_event
from groundwork.groups.tests.factories import UserFactory, join
from groundwork.members.models import Profile

BASE = "/api/v1/osdi"
ALL_READ = ["people:read", "events:read", "campaigns:read"]


def token_for(user, scopes=ALL_READ, groups=()) -> str:
    """A personal access token of `user`, made as the tokens page makes them; its secret."""
    secret = f"{TOKEN_MARK}{secrets.token_urlsafe(32)}"
    token = AccessToken.objects.create(
        owner=user,
        name="test",
        prefix=secret[len(TOKEN_MARK) : len(TOKEN_MARK) + 8],
        secret_hash=hash_secret(secret),
        scopes=list(scopes),
    )
    token.groups.set(groups)
    return secret


def get(path: str, secret: str | None = None, *, header: str = "osdi", **params):
    headers = {}
    if secret is not None:
        headers = (
            {"OSDI-API-Token": secret}
            if header == "osdi"
            else {"Authorization": f"Bearer {secret}"}
        )
    return Client().get(f"{BASE}{path}", params, headers=headers)


def embedded(response, kind: str) -> list[dict]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/hal+json"
    return response.json()["_embedded"][f"osdi:{kind}"]


def stop_sharing_contact(user) -> None:
    Profile.objects.filter(user=user).update(allow_organiser_contact=False)


@pytest.mark.django_db
def test_the_entry_point_links_the_collections(anon):
    body = get("/").json()
    assert body["_links"]["osdi:people"]["href"] == "http://testserver/api/v1/osdi/people"
    assert body["_links"]["osdi:events"]["href"].endswith("/api/v1/osdi/events")


def test_an_organiser_reads_their_group_s_members_with_the_emails_they_shared(alice, bob):
    stranger = UserFactory(email="shy@example.org", display_name="Shy")
    join(alice.memberships.get().group, stranger)
    stop_sharing_contact(stranger)
    people = embedded(get("/people", token_for(alice)), "people")
    by_name = {person["given_name"]: person for person in people}
    assert set(by_name) == {"Alice", "Bob", "Shy"}
    assert by_name["Bob"]["email_addresses"][0]["address"] == "bob@example.org"
    assert by_name["Shy"]["email_addresses"] == []
    assert "shy@example.org" not in get("/people", token_for(alice)).content.decode()


def test_a_member_reads_no_people(bob, alice):
    assert embedded(get("/people", token_for(bob)), "people") == []
    assert get(f"/people/{alice.pk}", token_for(bob)).status_code == 404


def test_anonymous_reads_no_people(bob):
    assert embedded(get("/people"), "people") == []
    assert get(f"/people/{bob.pk}").status_code == 404


def test_an_organiser_cannot_read_another_group_s_member(alice, carol):
    assert get(f"/people/{carol.pk}", token_for(alice)).status_code == 404
    ids = {
        person["identifiers"][0] for person in embedded(get("/people", token_for(alice)), "people")
    }
    assert f"groundwork:person-{carol.pk}" not in ids


def test_a_token_limited_to_another_group_reads_none_of_riverside_s_members(alice, bob, hillside):
    from groundwork.groups.tests.factories import make_organiser

    make_organiser(hillside, alice)
    secret = token_for(alice, groups=[hillside])
    names = {person["given_name"] for person in embedded(get("/people", secret), "people")}
    assert "Bob" not in names
    assert get(f"/people/{bob.pk}", secret).status_code == 404


def test_a_token_without_the_people_scope_is_refused(alice):
    response = get("/people", token_for(alice, scopes=["events:read"]))
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"


def test_an_unknown_token_is_refused_at_once(alice):
    assert get("/people", "gw_not-a-token").status_code == 401


def test_a_revoked_token_is_refused_at_once(alice):
    secret = token_for(alice)
    assert get("/people", secret).status_code == 200
    AccessToken.objects.update(revoked_at=timezone.now())
    assert get("/people", secret).status_code == 401


def test_the_bearer_header_works_as_well_as_osdi_s_own(alice, bob):
    secret = token_for(alice)
    assert len(embedded(get("/people", secret, header="bearer"), "people")) == 2


def test_events_are_those_the_caller_may_see(alice, riverside):
    public = plan_event(riverside, alice, title="Open meeting")
    plan_event(riverside, alice, title="Members' meeting", visibility=Event.Visibility.MEMBERS)
    assert [e["title"] for e in embedded(get("/events"), "events")] == ["Open meeting"]
    titles = {e["title"] for e in embedded(get("/events", token_for(alice)), "events")}
    assert titles == {"Open meeting", "Members' meeting"}
    one = get(f"/events/{public.pk}").json()
    assert one["identifiers"] == [f"groundwork:event-{public.pk}"]


def test_a_members_only_event_is_404_to_anonymous(alice, riverside):
    hidden = plan_event(riverside, alice, visibility=Event.Visibility.MEMBERS)
    assert get(f"/events/{hidden.pk}").status_code == 404


def test_the_organiser_reads_the_attendances_and_a_member_gets_404(alice, bob, riverside):
    event = plan_event(riverside, alice)
    rsvp = going(event, bob)
    attendances = embedded(get(f"/events/{event.pk}/attendances", token_for(alice)), "attendances")
    assert [a["status"] for a in attendances] == ["accepted"]
    assert attendances[0]["_links"]["osdi:person"]["href"].endswith(f"/people/{bob.pk}")
    assert get(f"/events/{event.pk}/attendances/{rsvp.pk}", token_for(alice)).status_code == 200
    assert get(f"/events/{event.pk}/attendances", token_for(bob)).status_code == 404
    assert get(f"/events/{event.pk}/attendances").status_code == 404
    assert get(f"/events/{event.pk}/attendances/{rsvp.pk}", token_for(bob)).status_code == 404


def test_petitions_are_listed_and_signatures_are_the_organiser_s_alone(alice, bob, riverside):
    petition = open_petition(start_campaign(riverside))
    signature = sign_and_verify(petition, "signer@example.net")
    titles = [p["title"] for p in embedded(get("/petitions"), "petitions")]
    assert titles == [petition.title]
    assert get(f"/petitions/{petition.pk}").json()["total_signatures"] == 1
    signatures = embedded(
        get(f"/petitions/{petition.pk}/signatures", token_for(alice)), "signatures"
    )
    signer = signatures[0]["_embedded"]["osdi:person"]
    assert signer["email_addresses"][0]["address"] == "signer@example.net"
    assert get(f"/petitions/{petition.pk}/signatures", token_for(bob)).status_code == 404
    assert get(f"/petitions/{petition.pk}/signatures").status_code == 404
    path = f"/petitions/{petition.pk}/signatures/{signature.pk}"
    assert get(path, token_for(bob)).status_code == 404
    assert get(path, token_for(alice)).status_code == 200


def test_reading_signatures_is_logged_as_their_export_is(alice, riverside):
    petition = open_petition(start_campaign(riverside))
    sign_and_verify(petition, "signer@example.net")
    get(f"/petitions/{petition.pk}/signatures", token_for(alice))
    entry = AuditEntry.objects.get(verb="petition.signatures_exported")
    assert entry.actor == alice


def test_paging_follows_the_next_link(alice, riverside):
    for number in range(5):
        plan_event(riverside, alice, title=f"Meeting {number}")
    first = get("/events", per_page=2).json()
    assert (first["total_records"], first["total_pages"], first["page"]) == (5, 3, 1)
    second = Client().get(first["_links"]["next"]["href"]).json()
    assert second["page"] == 2
    assert len(second["_embedded"]["osdi:events"]) == 2


@pytest.mark.parametrize("params", [{"page": 0}, {"per_page": 1000}, {"page": "x"}])
def test_paging_out_of_range_is_a_problem_not_an_error(params, db):
    response = get("/events", **params)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"


def test_a_page_past_the_end_is_empty(db):
    body = get("/events", page=50).json()
    assert body["_embedded"]["osdi:events"] == []


@pytest.mark.parametrize("rows", [1, 10, 100])
def test_people_are_read_in_a_fixed_number_of_queries(
    rows, alice, riverside, django_assert_max_num_queries
):
    for _ in range(rows):
        join(riverside, UserFactory())
    secret = token_for(alice)
    with django_assert_max_num_queries(9):
        response = get("/people", secret, per_page=100)
    assert len(embedded(response, "people")) == min(rows + 1, 100)


@pytest.mark.parametrize("rows", [1, 10, 100])
def test_attendances_are_read_in_a_fixed_number_of_queries(
    rows, alice, riverside, django_assert_max_num_queries
):
    event = plan_event(riverside, alice)
    for _ in range(rows):
        going(event, UserFactory())
    secret = token_for(alice)
    with django_assert_max_num_queries(10):
        response = get(f"/events/{event.pk}/attendances", secret, per_page=100)
    assert len(embedded(response, "attendances")) == rows


@pytest.mark.parametrize("rows", [1, 10, 100])
def test_events_petitions_and_signatures_are_read_in_a_fixed_number_of_queries(
    rows, alice, riverside, django_assert_max_num_queries
):
    campaign = start_campaign(riverside)
    petition = open_petition(campaign)
    now = timezone.now()
    Event.objects.bulk_create(
        Event(group=riverside, title=f"Event {n}", starts_at=now, ends_at=now + timedelta(hours=1))
        for n in range(rows)
    )
    Petition.objects.bulk_create(
        Petition(campaign=campaign, title=f"Petition {n}", statement="…") for n in range(rows)
    )
    Signature.objects.bulk_create(
        Signature(
            petition=petition,
            name=f"Signer {n}",
            email=f"signer{n}@example.net",
            postcode_district="SE15",
            token=f"token-{n}",
            verified_at=now,
        )
        for n in range(rows)
    )
    secret = token_for(alice)
    for path, kind, budget in [
        ("/events", "events", 8),
        ("/petitions", "petitions", 8),
        (f"/petitions/{petition.pk}/signatures", "signatures", 12),
    ]:
        with django_assert_max_num_queries(budget):
            response = get(path, secret, per_page=100)
        assert len(embedded(response, kind)) >= rows

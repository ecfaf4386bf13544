"""Personal access tokens: shown once, hashed at rest, revoked at once, scopes and groups
enforced, two-factor for organisers' write tokens, last use recorded without a write a request."""

from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from groundwork.api.actions import check_create_token, do_revoke_token
from groundwork.api.backends import reads
from groundwork.api.models import AccessToken
from groundwork.api.models.tokens import hash_secret
from groundwork.api.tests.factories import api_client, token_for
from groundwork.core.errors import ActionError
from groundwork.core.models import AuditEntry
from groundwork.events.models import Event
from groundwork.events.tests.factories import plan_event
from groundwork.groups.rules import is_coordinator, roles_of
from groundwork.groups.tests.factories import join, make_organiser

pytestmark = pytest.mark.django_db


def create_on_the_page(client, **data):
    values = {"name": "Sync", "scopes": ["events:read"], "expires_in": "30"} | data
    return client.post(reverse("api:create_token"), values)


def secret_on(page) -> str:
    return page.context["secret"]


def test_the_secret_is_shown_once_and_only_its_hash_is_stored(bob):
    client = client_for(bob)
    created = create_on_the_page(client)
    assert created.status_code == 302
    page = client.get(created["Location"])
    secret = secret_on(page)
    assert secret.startswith("gw_") and len(secret) > 40
    assert secret in page.content.decode()
    # Once: the same page again shows it no more.
    again = client.get(created["Location"])
    assert again.context["secret"] is None and secret not in again.content.decode()
    # At rest: the row, read raw from the database, holds the hash and never the secret.
    token = AccessToken.objects.get(owner=bob)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM api_accesstoken WHERE id = %s", [token.pk])
        row = [str(value) for value in cursor.fetchone()]
    assert not any(secret in value or secret[3:] in value for value in row)
    assert hash_secret(secret) in row
    assert token.prefix == secret[3:11]
    # The audit log names the token, never its secret.
    entry = AuditEntry.objects.get(verb="access_token.created")
    assert secret not in str(entry.new) and token.prefix in str(entry.new)
    # The session kept it only until it was shown.
    assert not [key for key in client.session.keys() if key.startswith("api_token_secret")]


def test_the_token_works_at_once_and_a_revoked_one_fails_the_very_next_request(bob, riverside):
    event = plan_event(riverside, None, visibility=Event.Visibility.MEMBERS)
    secret = token_for(bob, ["events:read"])
    caller = api_client(secret)
    assert caller.get(f"/api/v1/events/{event.pk}").status_code == 200
    page = client_for(bob).post(
        reverse("api:revoke_token", args=[AccessToken.objects.get(owner=bob).pk])
    )
    assert page.status_code == 302
    refused = caller.get(f"/api/v1/events/{event.pk}")
    assert refused.status_code == 401
    assert refused.json()["type"].endswith("#problem-unauthenticated")
    # Not even public data: a bad token is refused, not taken for anonymous.
    assert caller.get("/api/v1/events").status_code == 401


def test_an_expired_token_is_refused(bob):
    secret = token_for(bob, ["events:read"])
    AccessToken.objects.filter(owner=bob).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert api_client(secret).get("/api/v1/events").status_code == 401


def test_an_unknown_or_malformed_token_is_refused(bob):
    secret = token_for(bob, ["events:read"])
    assert api_client(secret + "x").get("/api/v1/events").status_code == 401
    odd = api_client()
    assert odd.get("/api/v1/events", headers={"Authorization": "Basic abc"}).status_code == 401


def test_scopes_are_enforced_and_write_includes_read(bob, riverside):
    event = plan_event(riverside, None)
    reading = api_client(token_for(bob, ["events:read"]))
    assert reading.get(f"/api/v1/events/{event.pk}").status_code == 200
    refused = reading.post(f"/api/v1/events/{event.pk}/rsvp")
    assert refused.status_code == 403
    assert refused.json()["type"].endswith("#problem-insufficient-scope")
    assert "events:write" in refused.json()["detail"]
    assert not event.rsvps.exists()
    # Another kind's scope opens nothing here.
    assert reading.get("/api/v1/groups").status_code == 403
    writing = api_client(token_for(bob, ["events:write"]))
    assert writing.get(f"/api/v1/events/{event.pk}").status_code == 200
    assert writing.post(f"/api/v1/events/{event.pk}/rsvp").status_code == 200
    assert event.rsvps.get().user == bob


def test_a_token_limited_to_a_group_sees_only_that_groups_private_data(alice, riverside, hillside):
    """Alice organises Riverside and is a member of Hillside: a token limited to Riverside does
    not see Hillside's members-only event; an unlimited one does."""
    join(hillside, alice)
    hidden = plan_event(hillside, None, visibility=Event.Visibility.MEMBERS)
    own = plan_event(riverside, None, visibility=Event.Visibility.MEMBERS)
    limited = api_client(token_for(alice, groups=[riverside]))
    unlimited = api_client(token_for(alice))
    assert unlimited.get(f"/api/v1/events/{hidden.pk}").status_code == 200
    assert limited.get(f"/api/v1/events/{hidden.pk}").status_code == 404
    assert limited.get(f"/api/v1/events/{own.pk}").status_code == 200
    listed = [item["id"] for item in limited.get("/api/v1/events").json()["items"]]
    assert own.pk in listed and hidden.pk not in listed
    # Still her group's organiser through it.
    assert limited.get("/api/v1/groups/riverside/members").status_code == 200


def test_a_token_limited_to_groups_is_no_coordinators_token(admin, riverside, rf):
    make_organiser(riverside, admin)
    secret = token_for(admin, ["events:read"], groups=[riverside])
    request = rf.get("/api/v1/events", headers={"Authorization": f"Bearer {secret}"})
    caller = reads("events")(request)
    assert caller == admin and request.user is caller
    assert not is_coordinator(caller) and set(roles_of(caller)) == {riverside.pk}
    whole = rf.get("/api/v1/events", headers={"Authorization": f"Bearer {token_for(admin)}"})
    assert is_coordinator(reads("events")(whole))


def test_a_token_may_be_limited_only_to_groups_the_owner_organises(bob, riverside):
    with pytest.raises(ActionError) as refused:
        check_create_token(
            bob, name="x", scopes=["events:read"], groups=[riverside], acting_user=bob
        )
    assert refused.value.field == "groups"


def test_an_organiser_needs_two_factor_for_a_write_token(alice):
    Authenticator.objects.filter(user=alice).delete()
    with pytest.raises(ActionError) as refused:
        check_create_token(alice, name="x", scopes=["events:write"], acting_user=alice)
    assert refused.value.field == "scopes"
    # On the page: the form again, the error at the field, nothing created.
    page = create_on_the_page(client_for(alice), scopes=["events:write"])
    assert page.status_code == 200 and page.context["form"].errors["scopes"]
    assert not AccessToken.objects.filter(owner=alice).exists()
    # Reading needs no two-factor.
    check_create_token(alice, name="x", scopes=["events:read"], acting_user=alice)


def test_a_coordinator_needs_two_factor_for_a_write_token(admin):
    Authenticator.objects.filter(user=admin).delete()
    with pytest.raises(ActionError):
        check_create_token(admin, name="x", scopes=["campaigns:write"], acting_user=admin)


def test_a_member_creates_a_write_token_without_two_factor(bob):
    secret = token_for(bob, ["events:write"])
    assert AccessToken.objects.get(secret_hash=hash_secret(secret)).has_write_scope


def test_an_organisers_token_loses_organising_with_two_factor(alice, riverside):
    caller = api_client(token_for(alice, ["people:read"]))
    assert caller.get("/api/v1/groups/riverside/members").status_code == 200
    Authenticator.objects.filter(user=alice).delete()
    refused = caller.get("/api/v1/groups/riverside/members")
    assert refused.status_code == 403
    assert refused.json()["type"].endswith("#problem-two-factor-required")


def test_last_use_is_recorded_but_not_written_on_every_request(bob, django_assert_num_queries):
    secret = token_for(bob, ["events:read"])
    token = AccessToken.objects.get(owner=bob)
    assert token.last_used_at is None
    caller = api_client(secret)
    caller.get("/api/v1/events")
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    caller.get("/api/v1/events")
    token.refresh_from_db()
    assert token.last_used_at == first, "written again within the minute"
    AccessToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(minutes=2))
    caller.get("/api/v1/events")
    token.refresh_from_db()
    assert token.last_used_at > first - timedelta(minutes=2)


def test_revoking_is_audited_once_and_only_by_the_owner(bob, dan):
    token_for(bob, ["events:read"])
    token = AccessToken.objects.get(owner=bob)
    assert client_for(dan).post(reverse("api:revoke_token", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    do_revoke_token(token, acting_user=bob)
    do_revoke_token(token, acting_user=bob)
    assert AuditEntry.objects.filter(verb="access_token.revoked").count() == 1


def test_the_token_list_shows_prefix_and_scopes_never_the_secret(bob):
    secret = token_for(bob, ["events:read", "campaigns:write"])
    page = client_for(bob).get(reverse("api:tokens"))
    text = page.content.decode()
    assert secret[:11] in text and secret not in text
    assert "campaigns:write" in text

"""Every list endpoint asks the database a fixed number of questions, at 1, 10 and 100 rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from groundwork.api.tests.factories import api_client, token_for
from groundwork.campaigns.models import Signature
from groundwork.campaigns.tests.factories import open_petition, start_campaign
from groundwork.events.models import Event
from groundwork.events.tests.factories import going, plan_event
from groundwork.groups.models import PostcodeDistrict
from groundwork.groups.tests.factories import GroupFactory, UserFactory, join

pytestmark = pytest.mark.django_db

# The most queries each list may make, whatever its length; with a token: the token (1), its
# last use (1, at most once a minute), the owner's roles (1), two-factor (1) where a rule asks.
# The first request of a test also writes the token's last use (the 1-row figure); members and
# signatures add the organiser's two-factor, and signatures the audit entry of the read.
BUDGET = {
    "events": 4,
    "my_rsvps": 3,
    "groups": 4,
    "members": 6,
    "campaigns": 4,
    "petitions": 4,
    "signatures": 7,
}


def grow(kind: str, count: int, world: dict) -> str:
    """Add `count` rows to the list `kind`; its address."""
    riverside, bob = world["riverside"], world["bob"]
    if kind == "events":
        for _ in range(count):
            plan_event(riverside, None, visibility=Event.Visibility.MEMBERS)
        return "/api/v1/events?limit=100"
    if kind == "my_rsvps":
        for _ in range(count):
            going(plan_event(riverside, None), bob)
        return "/api/v1/events/mine?limit=100"
    if kind == "groups":
        for _ in range(count):
            PostcodeDistrict.objects.create(group=GroupFactory(), district="SE1")
        return "/api/v1/groups?limit=100"
    if kind == "members":
        for _ in range(count):
            join(riverside, UserFactory())
        return "/api/v1/groups/riverside/members?limit=100"
    if kind == "campaigns":
        for _ in range(count):
            start_campaign(riverside)
        return "/api/v1/campaigns?limit=100"
    campaign = world.setdefault("campaign", start_campaign(riverside))
    if kind == "petitions":
        for _ in range(count):
            open_petition(campaign)
        return f"/api/v1/campaigns/{campaign.pk}/petitions?limit=100"
    petition = world.setdefault("petition", open_petition(campaign))
    signed = Signature.objects.filter(petition=petition).count()
    Signature.objects.bulk_create(
        Signature(
            petition=petition,
            name=f"Signer {number}",
            email=f"signer{number}@example.org",
            postcode_district="SE1",
            verified_at=timezone.now(),
        )
        for number in range(signed, signed + count)
    )
    return f"/api/v1/petitions/{petition.pk}/signatures?limit=100"


@pytest.mark.parametrize("kind", sorted(BUDGET))
def test_a_list_costs_the_same_at_1_10_and_100_rows(kind, riverside, alice, bob):
    caller = api_client(token_for(alice if kind in ("members", "signatures") else bob))
    world = {"riverside": riverside, "bob": bob}
    counts = []
    grown = 0
    for rows in (1, 10, 100):
        url = grow(kind, rows - grown, world)
        grown = rows
        with CaptureQueriesContext(connection) as queries:
            response = caller.get(url)
        assert response.status_code == 200, response.content
        assert len(response.json()["items"]) >= rows
        counts.append(len(queries))
    assert max(counts) <= BUDGET[kind], f"{kind}: {counts} queries at 1, 10, 100 rows"
    assert counts[1] == counts[2], f"{kind}: {counts} grows with the rows"

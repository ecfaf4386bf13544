"""The read-only endpoints of democracy, the library, courses, representatives and outcomes: the
pages' own scoping, results only after the close and never a voter, fixed query budgets."""

from datetime import timedelta

import pytest
from django.utils import timezone

from groundwork.accountability.models import Person
from groundwork.accountability.tests.factories import council, elect
from groundwork.api.tests.factories import ALL_READ, api_client, token_for
from groundwork.democracy.models import Ballot, Proposal
from groundwork.democracy.tests.factories import fast_forward_past_deadline, open_ballot, vote_for
from groundwork.learning.models import Course
from groundwork.outcomes.models import Area, Indicator, Observation
from groundwork.outcomes.tests.factories import make_area, make_indicator
from groundwork.resources.models import Resource

API = "/api/v1"


def read(path: str, user=None, **params: str):
    client = api_client(token_for(user, ALL_READ) if user is not None else None)
    return client.get(f"{API}{path}", params)


# --- democracy ----------------------------------------------------------------------------------


def test_a_ballot_s_result_is_hidden_from_everyone_until_it_closes(alice, bob, riverside):
    ballot = open_ballot(riverside, alice, secret=False)
    vote_for(ballot, bob, choice="yes")
    assert read(f"/democracy/ballots/{ballot.pk}", bob).status_code == 200
    for who in (alice, bob, None):
        assert read(f"/democracy/ballots/{ballot.pk}/result", who).status_code == 404
    fast_forward_past_deadline(ballot)
    body = read(f"/democracy/ballots/{ballot.pk}/result", bob).json()
    assert body["result"]["votes_cast"] == 1


@pytest.mark.parametrize("secret", [True, False])
def test_a_result_never_says_who_voted_or_how_anyone_did(secret, alice, bob, riverside):
    ballot = open_ballot(riverside, alice, secret=secret)
    vote_for(ballot, bob, choice="no")
    fast_forward_past_deadline(ballot)
    response = read(f"/democracy/ballots/{ballot.pk}/result", alice)
    assert response.status_code == 200
    text = response.content.decode()
    for leak in ("Bob", "bob@example.org", '"voter"', f'"user": {bob.pk}', "tracker"):
        assert leak not in text


def test_a_result_is_404_to_those_who_cannot_see_the_ballot(alice, bob, carol, riverside):
    ballot = open_ballot(riverside, alice)
    vote_for(ballot, bob, choice="yes")
    fast_forward_past_deadline(ballot)
    assert read(f"/democracy/ballots/{ballot.pk}/result", carol).status_code == 404
    assert read(f"/democracy/ballots/{ballot.pk}/result").status_code == 404


def test_a_draft_proposal_is_its_proposer_s_alone(alice, bob, riverside):
    draft = Proposal.objects.create(group=riverside, title="Idea", body="…", proposer=bob)
    assert read(f"/democracy/proposals/{draft.pk}", bob).status_code == 200
    assert read(f"/democracy/proposals/{draft.pk}", alice).status_code == 404
    titles = [
        p["title"] for p in read("/democracy/proposals", alice, group="riverside").json()["items"]
    ]
    assert "Idea" not in titles


def test_another_group_s_proposals_are_404(carol, riverside):
    assert read("/democracy/proposals", carol, group="riverside").status_code == 404


def test_a_token_limited_to_another_group_sees_none_of_riverside_s_democracy(
    alice, hillside, riverside
):
    from groundwork.groups.tests.factories import make_organiser

    make_organiser(hillside, alice)
    client = api_client(token_for(alice, ALL_READ, groups=[hillside]))
    assert client.get(f"{API}/democracy/proposals", {"group": "riverside"}).status_code == 404


@pytest.mark.parametrize("rows", [1, 10, 100])
def test_proposals_and_ballots_are_listed_in_a_fixed_number_of_queries(
    rows, bob, riverside, django_assert_max_num_queries
):
    Proposal.objects.bulk_create(
        Proposal(
            group=riverside,
            title=f"P{n}",
            body="…",
            proposer=bob,
            status=Proposal.Status.DISCUSSION,
        )
        for n in range(rows)
    )
    Ballot.objects.bulk_create(
        Ballot(
            group=riverside,
            title=f"B{n}",
            status=Ballot.Status.OPEN,
            closes_at=timezone.now() + timedelta(days=1),
        )
        for n in range(rows)
    )
    client = api_client(token_for(bob, ALL_READ))
    for path in ("/democracy/proposals", "/democracy/ballots"):
        with django_assert_max_num_queries(8):
            response = client.get(f"{API}{path}", {"group": "riverside", "limit": "100"})
        assert len(response.json()["items"]) == rows


# --- the library and courses ---------------------------------------------------------------------


def test_a_group_s_resource_is_for_its_members(alice, bob, carol, riverside):
    guide = Resource.objects.create(
        group=riverside, scope=Resource.Scope.GROUP, title="Our guide", created_by=alice
    )
    assert read(f"/resources/{guide.pk}", bob).status_code == 200
    assert read(f"/resources/{guide.pk}", carol).status_code == 404
    assert read(f"/resources/{guide.pk}").status_code == 404
    assert [r["title"] for r in read("/resources").json()["items"]] == []


@pytest.mark.parametrize("rows", [1, 10, 100])
def test_the_library_and_courses_are_listed_in_a_fixed_number_of_queries(
    rows, db, django_assert_max_num_queries
):
    Resource.objects.bulk_create(
        Resource(scope=Resource.Scope.PUBLIC, title=f"R{n}", tag_names="a, b") for n in range(rows)
    )
    Course.objects.bulk_create(
        Course(scope=Course.Scope.PUBLIC, title=f"C{n}", slug=f"c-{n}") for n in range(rows)
    )
    client = api_client()
    for path, first in (("/resources", "R"), ("/learning/courses", "C")):
        with django_assert_max_num_queries(4):
            response = client.get(f"{API}{path}", {"limit": 100})
        items = response.json()["items"]
        assert len(items) == rows
        assert items[0]["title"].startswith(first)


# --- representatives and outcomes ---------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 10, 100])
def test_representatives_and_outcomes_are_listed_in_a_fixed_number_of_queries(
    rows, db, django_assert_max_num_queries
):
    body = council()
    for n in range(rows):
        elect(f"Councillor {n:03}", body, None, "Independent")
    area = make_area()
    indicator = make_indicator()
    Area.objects.bulk_create(
        Area(gss_code=f"E0{n:07}", name=f"Area {n}", level="ward", nation="england")
        for n in range(rows)
    )
    Indicator.objects.bulk_create(
        Indicator(slug=f"i-{n}", name=f"I{n}", source="ONS") for n in range(rows)
    )
    start = timezone.now().date()
    Observation.objects.bulk_create(
        Observation(
            indicator=indicator,
            area=area,
            period=str(2000 + n),
            period_start=start + timedelta(days=n),
            period_end=start + timedelta(days=n),
            value=n,
            published=str(n),
        )
        for n in range(rows)
    )
    client = api_client()
    for path, expected in (
        ("/accountability/representatives", rows),
        ("/outcomes/areas", min(rows + 1, 100)),
        ("/outcomes/indicators", min(rows + 1, 100)),
        (f"/outcomes/areas/{area.gss_code}/observations", rows),
    ):
        with django_assert_max_num_queries(5):
            response = client.get(f"{API}{path}", {"limit": 100})
        assert len(response.json()["items"]) == expected, path


def test_a_representative_s_page_has_seats_and_scorecards(db):
    seat = elect("Jo Bloggs", council(), None, "Green")
    body = read(f"/accountability/representatives/{seat.person.pk}").json()
    assert body["name"] == "Jo Bloggs"
    assert body["seats"][0]["party"] == "Green"
    assert body["scorecards"] == [] and body["pledges"] == []
    assert read(f"/accountability/representatives/{Person.objects.count() + 9}").status_code == 404


def test_observations_walk_to_the_end_by_their_next_links(db):
    area = make_area()
    indicator = make_indicator()
    start = timezone.now().date()
    for n in range(5):
        Observation.objects.create(
            indicator=indicator,
            area=area,
            period=str(2000 + n),
            period_start=start + timedelta(days=n),
            period_end=start + timedelta(days=n),
            value=n,
            published=str(n),
        )
    seen, url = [], f"{API}/outcomes/areas/{area.gss_code}/observations?limit=2"
    client = api_client()
    while url:
        page = client.get(url).json()
        seen += [item["period"] for item in page["items"]]
        url = page["next"]
    assert seen == [str(2000 + n) for n in range(5)]

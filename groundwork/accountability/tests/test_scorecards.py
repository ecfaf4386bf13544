"""Scorecards, policies and statements on the public pages, and the forms organisers and
coordinators write them with: who may, what they see, and a fixed number of queries."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from conftest import client_for
from groundwork.accountability.models import ObjectivePolicy, Policy, Statement
from groundwork.accountability.tests.factories import (
    cast_vote,
    commons,
    division,
    elect,
    policy_on,
)
from groundwork.aims.models import Objective
from groundwork.core.models import AuditEntry

pytestmark = pytest.mark.django_db

# The person page: one more for the pledges they answered (test_pledges.py counts them).
PERSON_QUERIES, POLICY_QUERIES, SCORECARD_QUERIES = 11, 9, 7


@pytest.fixture
def house():
    return commons()


@pytest.fixture
def mp(house):
    return elect("Ann Example", house, None, "Labour", start=date(2010, 5, 6)).person


def test_a_scorecard_explains_each_line_absent_apart_from_not_yet_an_mp(client, house, mp):
    before = division(house, date(2010, 1, 5), 1, "Before her time")
    agreed = division(house, date(2010, 6, 1), 2, "She voted aye")
    missed = division(house, date(2010, 6, 2), 3, "She was away")
    cast_vote(agreed, mp, "aye")
    policy = policy_on(
        "Fair taxes",
        [(before, "aye", "strong"), (agreed, "aye", "strong"), (missed, "no", "normal")],
    )
    html = client.get(reverse("accountability:scorecard", args=[mp.pk, policy.pk])).content
    html = html.decode()
    # Agreed strong (0 of 5) and absent normal (0.1 of 0.2): 1 - 0.1/5.2 = 98%.
    assert "Agreement: <strong>98%</strong> (consistently for)" in html
    assert "not in the seat then" in html and "absent" in html and "agreed" in html
    assert "0.1 out of 5.2" in html


def test_a_representatives_page_links_each_policy_to_its_scorecard(client, house, mp):
    vote = division(house, date(2011, 1, 1), 1)
    cast_vote(vote, mp, "no")
    policy = policy_on("Fair taxes", [(vote, "aye", "normal")])
    ObjectivePolicy.objects.create(objective=Objective.objects.get(number=1), policy=policy)
    html = client.get(mp.get_absolute_url()).content.decode()
    assert reverse("accountability:scorecard", args=[mp.pk, policy.pk]) in html
    assert "0%" in html and "consistently against" in html
    assert str(Objective.objects.get(number=1)) in html


def grow_policies(house, mp, size: int) -> None:
    for number in range(1, size + 1):
        vote = division(house, date(2011, 1, 1) + timedelta(days=number), number)
        cast_vote(vote, mp, "aye")
        policy = policy_on(f"Policy {number:03d}", [(vote, "aye", "strong")])
        ObjectivePolicy.objects.create(objective=Objective.objects.get(number=1), policy=policy)


@pytest.mark.parametrize("size", [1, 10, 100])
def test_a_representatives_page_asks_a_fixed_number_of_queries_whatever_the_policies(
    size, client, house, mp, django_assert_max_num_queries
):
    grow_policies(house, mp, size)
    with django_assert_max_num_queries(PERSON_QUERIES):
        response = client.get(mp.get_absolute_url())
    assert response.content.decode().count("100%") == size


@pytest.mark.parametrize("size", [1, 10, 100])
def test_a_policys_page_asks_a_fixed_number_of_queries_whatever_the_representatives(
    size, client, house, django_assert_max_num_queries
):
    vote = division(house, date(2011, 1, 1), 1)
    policy = policy_on("Fair taxes", [(vote, "aye", "normal")])
    for number in range(size):
        seat = elect(f"MP {number:03d}", house, None, "Labour", start=date(2010, 5, 6))
        cast_vote(vote, seat.person, "aye" if number % 2 else "no")
    with django_assert_max_num_queries(POLICY_QUERIES):
        response = client.get(policy.get_absolute_url())
    html = response.content.decode()
    assert html.count("100%") == min(size, 50) // 2  # every other MP, 50 a page
    assert html.count(">MP ") == min(size, 50)


@pytest.mark.parametrize("size", [1, 10, 100])
def test_a_scorecard_asks_a_fixed_number_of_queries_whatever_the_divisions(
    size, client, house, mp, django_assert_max_num_queries
):
    sides = []
    for number in range(1, size + 1):
        vote = division(house, date(2011, 1, 1) + timedelta(days=number), number)
        cast_vote(vote, mp, "aye")
        sides.append((vote, "aye", "normal"))
    policy = policy_on("Fair taxes", sides)
    with django_assert_max_num_queries(SCORECARD_QUERIES):
        response = client.get(reverse("accountability:scorecard", args=[mp.pk, policy.pk]))
    assert response.content.decode().count(">agreed<") == size


def test_alice_writes_a_policy_for_riverside_from_divisions_on_file(alice, riverside, house):
    division(house, date(2010, 7, 13), 17, "VAT")
    division(house, date(2010, 7, 14), 3, "Other")
    response = client_for(alice).post(
        reverse("accountability:policy_create"),
        {
            "on_behalf_of": str(riverside.pk),
            "title": "Fair taxes",
            "description": "VAT should not rise",
            "body": str(house.pk),
            "divisions": "2010-07-13 17 no strong\n2010-07-14 #3 aye\n",
        },
    )
    policy = Policy.objects.get(title="Fair taxes")
    assert response.status_code == 302 and response["Location"] == policy.get_absolute_url()
    assert policy.group == riverside and policy.created_by == alice
    sides = [
        (link.division.number, link.position, link.strength)
        for link in policy.policy_divisions.all()
    ]
    assert sides == [(17, "no", "strong"), (3, "aye", "normal")]
    assert AuditEntry.objects.filter(verb="policy.created", target_id=str(policy.pk)).exists()


def test_a_policy_with_a_division_not_on_file_keeps_what_was_typed_and_says_why(
    alice, riverside, house
):
    division(house, date(2010, 7, 13), 17, "VAT")
    typed = "2010-07-13 17 no strong\n2010-07-15 9 aye\nnonsense"
    data = {
        "on_behalf_of": str(riverside.pk),
        "title": "Fair taxes",
        "body": str(house.pk),
        "divisions": typed,
    }
    response = client_for(alice).post(reverse("accountability:policy_create"), data)
    assert response.status_code == 400 and "nonsense" in response.content.decode()
    assert "are not “date number aye|no [strong]”: nonsense" in response.content.decode()
    data["divisions"] = "2010-07-13 17 no strong\n2010-07-15 9 aye"
    response = client_for(alice).post(reverse("accountability:policy_create"), data)
    html = response.content.decode()
    assert (
        response.status_code == 400
        and "No division of House of Commons on file for: 2010-07-15 #9" in html
    )
    assert "2010-07-13 17 no strong" in html and not Policy.objects.exists()


def test_alice_cannot_write_for_the_alliance_or_another_group(alice, hillside, house):
    division(house, date(2010, 7, 13), 17, "VAT")
    for choice in ("alliance", str(hillside.pk)):
        data = {
            "on_behalf_of": choice,
            "title": "T",
            "body": str(house.pk),
            "divisions": "2010-07-13 17 no",
        }
        response = client_for(alice).post(reverse("accountability:policy_create"), data)
        assert response.status_code == 400
    assert not Policy.objects.exists()


def test_coordinators_link_objectives_to_a_policy(admin, house):
    policy = policy_on("Fair taxes", [(division(house, date(2010, 7, 13), 17), "aye", "normal")])
    first, second = Objective.objects.order_by("number")[:2]
    url = reverse("accountability:policy_objectives", args=[policy.pk])
    client_for(admin).post(url, {"objectives": [first.pk, second.pk]})
    client_for(admin).post(url, {"objectives": [second.pk]})
    assert list(policy.objective_links.values_list("objective_id", flat=True)) == [second.pk]
    assert str(second) in client_for(admin).get(policy.get_absolute_url()).content.decode()


def test_alice_records_a_statement_that_everyone_can_read(alice, riverside, client, mp):
    objective = Objective.objects.get(number=1)
    data = {
        "on_behalf_of": str(riverside.pk),
        "kind": "council_decision",
        "date": "2024-03-01",
        "objective": str(objective.pk),
        "stance": "against",
        "summary": "Voted to close the library",
        "source_url": "https://example.org/minutes",
    }
    url = reverse("accountability:statement_create", args=[mp.pk])
    response = client_for(alice).post(url, data)
    assert response.status_code == 302
    statement = Statement.objects.get()
    assert (statement.group, statement.recorded_by, statement.stance) == (
        riverside,
        alice,
        "against",
    )
    html = client.get(mp.get_absolute_url()).content.decode()
    assert "Voted to close the library" in html and "https://example.org/minutes" in html
    assert "recorded by Riverside" in html


def test_a_statement_without_a_source_link_is_refused_next_to_the_field(alice, riverside, mp):
    url = reverse("accountability:statement_create", args=[mp.pk])
    data = {
        "on_behalf_of": str(riverside.pk),
        "kind": "statement",
        "date": "2024-03-01",
        "objective": str(Objective.objects.get(number=1).pk),
        "stance": "for",
        "summary": "Backs the campaign",
    }
    response = client_for(alice).post(url, data)
    assert response.status_code == 400 and "Backs the campaign" in response.content.decode()
    assert "source_url" in response.context["form"].errors
    assert not Statement.objects.exists()


def test_bob_cannot_record_a_statement(bob, mp):
    url = reverse("accountability:statement_create", args=[mp.pk])
    assert client_for(bob).get(url).status_code == 404


def test_a_cached_scorecard_gives_way_to_a_new_policy_at_once(
    client, alice, riverside, house, mp, django_capture_on_commit_callbacks
):
    vote = division(house, date(2011, 1, 1), 1)
    cast_vote(vote, mp, "aye")
    policy_on("Fair taxes", [(vote, "aye", "normal")])
    assert "Fair taxes" in client.get(mp.get_absolute_url()).content.decode()  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        client_for(alice).post(
            reverse("accountability:policy_create"),
            {
                "on_behalf_of": str(riverside.pk),
                "title": "Free buses",
                "body": str(house.pk),
                "divisions": "2011-01-01 1 no",
            },
        )
    html = client.get(mp.get_absolute_url()).content.decode()
    assert "Free buses" in html and "Fair taxes" in html

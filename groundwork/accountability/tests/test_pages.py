"""The public pages of the register: anyone can search it, read a representative's seats with
their codes, parties and dates, reach them, and see where the data comes from and its licence."""

from datetime import date

import pytest
from django.urls import reverse

from groundwork.accountability.tests.factories import (
    council,
    elect,
    identify,
    publish_contact,
    ward,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def trafford():
    return council()


@pytest.fixture
def altrincham(trafford):
    return ward(trafford, "Altrincham", "E05015239")


def test_anyone_can_search_representatives_by_name(client, trafford, altrincham):
    elect("Geraldine Coggins", trafford, altrincham, "Green Party")
    elect("Daniel Jerrome", trafford, altrincham, "Green Party")
    response = client.get(reverse("accountability:representatives"), {"q": "cogg"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Geraldine Coggins" in html and "Daniel Jerrome" not in html
    assert "1 representative matching" in html
    assert 'role="search"' in html and '<label for="id_q">' in html


def test_a_representatives_page_shows_each_seat_with_its_code_party_and_dates(
    client, trafford, altrincham
):
    first = elect(
        "Geraldine Coggins",
        trafford,
        altrincham,
        "Green Party",
        end=date(2025, 5, 10),
        end_reason="changed party",
    )
    elect("Geraldine Coggins", trafford, altrincham, "Independent", start=date(2025, 5, 10))
    publish_contact(first.person, "email", "geraldine.coggins@trafford.gov.uk")
    identify(first.person, "council:E08000009", "3462")
    response = client.get(first.person.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("E05015239") == 2 and html.count("Altrincham") >= 2
    assert html.index("Independent") < html.index("Green Party")  # the latest seat first
    assert "10 May 2025" in html and "changed party" in html
    assert "not published" in html  # the first seat's start is unknown
    assert 'href="mailto:geraldine.coggins@trafford.gov.uk"' in html
    assert "Open Government Licence v3.0" in html
    assert "3462" in html


def test_the_list_shows_each_persons_latest_seat(client, trafford, altrincham):
    elect("Geraldine Coggins", trafford, altrincham, "Green Party", end=date(2025, 5, 10))
    elect("Geraldine Coggins", trafford, altrincham, "Independent", start=date(2025, 5, 10))
    html = client.get(reverse("accountability:representatives")).content.decode()
    assert "Trafford Council · Altrincham · Independent" in html
    assert "Green Party" not in html


def test_a_missing_representative_or_body_is_404(client):
    assert (
        client.get(reverse("accountability:representative", kwargs={"pk": 999})).status_code == 404
    )
    assert client.get(reverse("accountability:body", kwargs={"slug": "nowhere"})).status_code == 404


def test_a_councils_page_lists_serving_members_by_ward_and_party(client, trafford, altrincham):
    hale = ward(trafford, "Hale", "E05015248")
    elect("Geraldine Coggins", trafford, altrincham, "Green Party")
    elect("Sue Maitland", trafford, hale, "Liberal Democrats")
    elect("Alan Gone", trafford, hale, "Labour", end=date(2024, 5, 2))
    response = client.get(trafford.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Green Party: 1" in html and "Liberal Democrats: 1" in html
    assert "Alan Gone" not in html  # no longer serving
    assert html.index("Altrincham") < html.index("Hale")
    assert "E08000009" in html and "E05015248" in html


# Each page's queries, whatever the size: the list (page, count, memberships, bodies), a body
# (members, parties), a representative (memberships, contacts, identifiers) and the fetch.
# The representative's page also reads their scorecards (policies in their time) and statements.
# The person page: one more for the pledges they answered (test_pledges.py counts them).
LIST_QUERIES, BODY_QUERIES, PERSON_QUERIES = 4, 3, 7


def grow_council(trafford, altrincham, size: int) -> None:
    for number in range(size):
        seat = elect(f"Councillor {number:03d}", trafford, altrincham, f"Party {number % 7}")
        publish_contact(seat.person, "email", f"c{number}@example.org")


@pytest.mark.parametrize("size", [1, 10, 100])
def test_the_list_asks_a_fixed_number_of_queries(
    size, client, trafford, altrincham, django_assert_max_num_queries
):
    grow_council(trafford, altrincham, size)
    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(reverse("accountability:representatives"))
    shown = min(size, 50)  # a page holds 50
    assert response.content.decode().count("Trafford Council · Altrincham") == shown


@pytest.mark.parametrize("size", [1, 10, 100])
def test_a_council_page_asks_a_fixed_number_of_queries(
    size, client, trafford, altrincham, django_assert_max_num_queries
):
    grow_council(trafford, altrincham, size)
    with django_assert_max_num_queries(BODY_QUERIES):
        response = client.get(trafford.get_absolute_url())
    assert response.content.decode().count("<code>E05015239</code>") == size


@pytest.mark.parametrize("size", [1, 10, 100])
def test_a_representatives_page_asks_a_fixed_number_of_queries(
    size, client, trafford, altrincham, django_assert_max_num_queries
):
    seat = elect("Geraldine Coggins", trafford, altrincham, "Green Party", start=date(2000, 1, 1))
    publish_contact(seat.person, "email", "geraldine.coggins@trafford.gov.uk")
    for number in range(1, size):
        other = council(f"Body {number}", gss_code=f"E0{number:07d}")
        area = ward(other, f"Ward {number}", f"E05{number:06d}")
        elect(seat.person.name, other, area, "Green Party", start=date(2000 + number % 20, 1, 1))
        identify(seat.person, f"scheme{number}", str(number))
    with django_assert_max_num_queries(PERSON_QUERIES):
        response = client.get(seat.person.get_absolute_url())
    assert response.content.decode().count("<tr>") == size + 1  # the header and each seat

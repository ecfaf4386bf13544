"""Finding one's representatives from a postcode: the real directory samples joined to the real
register where their codes meet (St Albans, E14000960, in the May 2018 directory and YourNextMP's
2015 winners), councillors by ward, and each way a postcode can go wrong."""

import io
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from groundwork.accountability import queries
from groundwork.accountability.models import Body
from groundwork.accountability.tests.factories import council, elect, locate, ward
from tests import testdata

pytestmark = pytest.mark.django_db

FIND = reverse("accountability:find")


def shared(relative: str) -> Path:
    return testdata.need(testdata.root() / "representatives" / relative)


def directory(release: str) -> None:
    path = shared(f"lookups/dc_uk-geo-utils_onspd_{release}_test.csv")
    call_command("import_postcodes", str(path), stdout=io.StringIO(), stderr=io.StringIO())


def mps_of_2015() -> None:
    path = shared("ynmp_2015_winners/candidates_2015_elected_only.csv")
    call_command(
        "import_representatives",
        str(path),
        "--format",
        "ynmp",
        "--as-of",
        "2015-05-08",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )


def mps_of_2010() -> None:
    path = shared("popolo_everypolitician_uk_commons/ep-popolo-v1.0.term-55.json")
    call_command(
        "import_representatives",
        str(path),
        "--format",
        "popolo",
        "--as-of",
        "2015-03-30",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )


def find(client, postcode: str) -> str:
    response = client.get(FIND, {"postcode": postcode})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def st_albans_councillor():
    """A made-up councillor for the ward of AL1 1AA in the May 2018 directory (no councillor
    file of St Albans is among the shared data); the codes are the directory's."""
    body = council("St Albans City and District Council", gss_code="E07000240")
    area = ward(body, "Riverside ward", "E05004803", year=2018)
    return elect("Robin Example", body, area, "Green Party", start=date(2018, 5, 3))


def test_a_postcode_of_the_2018_directory_finds_the_mp_yournextmp_elected_there(client):
    directory("may2018")
    mps_of_2015()
    html = find(client, "al1 1aa")
    assert "Postcode AL1 1AA" in html
    assert "Anne Main" in html and "Conservative Party" in html and "St Albans" in html
    assert "<code>E14000960</code>" in html  # St Albans, 2010 boundaries
    assert "<code>E05004803</code>" in html and "<code>E07000240</code>" in html
    assert "No councillor for this ward is in the register." in html
    assert "not been in use since May 1994" in html  # the directory's doterm
    assert "ONS Postcode Directory" in html and "YourNextMP 2015" in html  # sources


def test_the_mp_is_the_one_serving_on_the_date_asked_about(client):
    """Popolo's 2010-15 Commons has St Albans by its parlparse id only; YourNextMP's 2015 file
    gives it its GSS code, so both of Anne Main's seats meet the directory's E14000960."""
    directory("may2018")
    mps_of_2010()
    mps_of_2015()
    in_2012 = queries.whereabouts_of("AL1 1AA", "AL1", on=date(2012, 6, 1))
    in_2016 = queries.whereabouts_of("AL1 1AA", "AL1", on=date(2016, 6, 1))
    assert in_2012 is not None and in_2016 is not None
    [then] = in_2012.constituencies[0].serving
    [now] = in_2016.constituencies[0].serving
    assert then.person == now.person and then.person.name == "Anne Main"
    assert (then.start_date, then.end_date) == (date(2010, 5, 6), date(2015, 3, 30))
    assert (now.start_date, now.end_date) == (date(2015, 5, 7), None)
    between = queries.whereabouts_of("AL1 1AA", "AL1", on=date(2015, 4, 15))  # dissolution
    assert between is not None and between.constituencies[0].serving == []
    assert find(client, "AL1 1AA").count(f'href="{now.person.get_absolute_url()}"') == 1


def test_the_2024_directory_moves_the_postcode_to_a_constituency_the_2015_register_lacks(client):
    directory("may2018")
    directory("aug2024")
    mps_of_2015()
    html = find(client, "AL1 1AA")
    assert "<code>E14001507</code>" in html and "<code>E14000960</code>" not in html
    assert "Anne Main" not in html
    assert "No MP for this constituency is in the register." in html


def test_councillors_serving_the_ward_today_are_listed_and_those_who_left_are_not(
    client, st_albans_councillor
):
    directory("may2018")
    body, area = st_albans_councillor.body, st_albans_councillor.area
    elect("Former Councillor", body, area, "Labour", start=date(2010, 5, 6), end=date(2018, 5, 3))
    html = find(client, "AL1 1AA")
    assert "Riverside ward" in html and "Robin Example" in html
    assert f'href="{st_albans_councillor.person.get_absolute_url()}"' in html
    assert "Former Councillor" not in html
    assert f'href="{body.get_absolute_url()}"' in html  # the local authority, by its council


def test_a_district_alone_may_cover_several_wards_and_lists_each(client, st_albans_councillor):
    directory("may2018")
    html = find(client, "al1")
    assert "Postcode district AL1" in html and "may cover several wards" in html
    assert "<code>E05004803</code>" in html and "<code>E05004785</code>" in html
    assert "Robin Example" in html


def test_a_malformed_postcode_is_explained_next_to_the_field_keeping_what_was_typed(client):
    html = find(client, "NOT A POSTCODE")
    assert 'id="id_postcode_error"' in html
    assert "Enter a UK postcode" in html
    assert 'value="NOT A POSTCODE"' in html
    assert "We do not know" not in html


@pytest.mark.parametrize("typed", ["ZZ9 9ZZ", "ZZ9"])
def test_an_unknown_postcode_or_district_is_said_so_distinctly(client, typed):
    directory("may2018")
    html = find(client, typed)
    assert f"We do not know {typed}" in html
    assert 'id="id_postcode_error"' not in html
    assert f'value="{typed}"' in html


def test_a_member_with_a_district_in_their_profile_finds_it_prefilled(client, dan):
    dan.profile.postcode_district = "AL1"
    dan.profile.save()
    client.force_login(dan)
    html = client.get(FIND).content.decode()
    assert 'value="AL1"' in html
    assert "Postcode district AL1" not in html  # prefilled, not yet asked


def test_the_list_of_representatives_links_to_finding_them(client):
    html = client.get(reverse("accountability:representatives")).content.decode()
    assert f'href="{FIND}"' in html


# The page's queries, whatever the size: the postcode, the areas' names, the councils, the
# memberships (with person, body, area and source), and the directory's source.
FIND_QUERIES = 5


# Signed in: the session, the user, the groups in the navigation and the bell's unread count.
SIGNED_IN_QUERIES = 4


@pytest.mark.parametrize("size", [1, 10, 100])
@pytest.mark.parametrize("typed", ["AL1 0AA", "AL1"])
@pytest.mark.parametrize("signed_in", [False, True])
def test_finding_asks_a_fixed_number_of_queries(
    size, typed, signed_in, client, dan, django_assert_max_num_queries
):
    if signed_in:
        client.force_login(dan)
    body = council("St Albans City and District Council", gss_code="E07000240")
    commons = Body.objects.create(kind=Body.Kind.COMMONS, name="House of Commons", slug="commons")
    constituency = ward(commons, "St Albans", "E14000960")
    elect("Anne Main", commons, constituency, "Conservative Party")
    for number in range(size):
        code = f"E05{number:06d}"
        locate(
            f"AL1 {number % 10}{chr(65 + number // 10 % 26)}A",
            ward=code,
            constituency="E14000960",
            authority="E07000240",
        )
        area = ward(body, f"Ward {number:03d}", code)
        elect(f"Councillor {number:03d}", body, area, "Party")
    with django_assert_max_num_queries(FIND_QUERIES + (SIGNED_IN_QUERIES if signed_in else 0)):
        html = find(client, typed)
    assert html.count("Councillor ") == (size if typed == "AL1" else 1)
    assert "Anne Main" in html

"""Finding a group by postcode: malformed and unknown postcodes, the nearest groups, asking for one."""

import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from conftest import client_for
from groundwork.core.models import AuditEntry
from groundwork.core.postcodes import looks_like_postcode
from groundwork.groups.distance import haversine_km, nearest
from groundwork.groups.forms import SearchForm
from groundwork.groups.models import DistrictCentroid, Group, GroupRequest, PostcodeDistrict
from groundwork.groups.tests.factories import GroupFactory

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("groups:directory")
ASK = reverse("groups:request_group")


def centre(district: str, latitude: str, longitude: str) -> DistrictCentroid:
    return DistrictCentroid.objects.create(
        district=district,
        latitude=Decimal(latitude),
        longitude=Decimal(longitude),
        source="test",
    )


@pytest.fixture
def southwark(riverside, hillside):
    """Riverside covers SE15 (with a point); Hillside covers SE13 (no point, a district centre);
    SE22 is known and no group covers it."""
    riverside.latitude, riverside.longitude = Decimal("51.47000"), Decimal("-0.06500")
    riverside.save()
    PostcodeDistrict.objects.create(group=riverside, district="SE15")
    PostcodeDistrict.objects.create(group=hillside, district="SE13")
    centre("SE13", "51.45800", "-0.01100")
    centre("SE22", "51.45300", "-0.07000")
    return riverside, hillside


def test_haversine_between_london_and_sheffield_is_about_228_km():
    assert haversine_km(51.5074, -0.1278, 53.3811, -1.4701) == pytest.approx(228, abs=2)


def test_nearest_counts_a_group_at_its_nearest_point_and_breaks_ties_by_key():
    places = [(1, 0.0, 1.0), (1, 0.0, 0.1), (2, 0.0, 0.5), (3, 0.0, 0.5)]
    assert [key for key, _km in nearest((0.0, 0.0), places, limit=2)] == [1, 2]


@pytest.mark.parametrize("text", ["SE15", "se15 4ab", "Riverside", "Hackney", "SE1 9"])
def test_what_reads_as_a_postcode(text):
    assert looks_like_postcode(text) == (text not in {"Riverside", "Hackney"})


def test_a_malformed_postcode_is_told_so_at_the_field_and_kept(anon, southwark):
    response = anon.get(DIRECTORY, {"q": "SE1 59X"})
    html = response.content.decode()
    assert "is not a UK postcode" in html
    assert 'value="SE1 59X"' in html
    assert "Riverside" not in html


def test_an_unknown_district_is_told_so(anon, southwark):
    html = anon.get(DIRECTORY, {"q": "xx9 1aa"}).content.decode()
    assert "We don&#x27;t know the district XX9." in html
    assert "Ask for a group" not in html


def test_a_covered_district_lists_its_group(anon, southwark):
    html = anon.get(DIRECTORY, {"q": "se15  4ab"}).content.decode()
    assert "1 group matching" in html
    assert "No group covers" not in html


def test_a_known_district_with_no_group_shows_the_nearest_groups_with_km(anon, southwark):
    html = anon.get(DIRECTORY, {"q": "SE22 8AA"}).content.decode()
    assert "No group covers SE22 yet" in html
    assert "We don&#x27;t know" not in html
    assert html.index("Riverside") < html.index("Hillside")  # 1.9 km, then 4.3 km
    assert "1.9 km away" in html
    assert "Join Riverside" in html and "Ask to join Hillside" in html
    assert f"{ASK}?district=SE22" in html


def test_a_group_that_takes_members_by_invitation_offers_its_organisers_instead(anon, southwark):
    riverside, _ = southwark
    riverside.join_policy = Group.JoinPolicy.INVITATION
    riverside.save()
    html = anon.get(DIRECTORY, {"q": "SE22 8AA"}).content.decode()
    assert "Join Riverside" not in html
    assert "takes new members by invitation" in html
    assert f'{riverside.get_absolute_url()}#contact">Write to its organisers' in html


def test_a_district_only_a_group_names_is_known(anon, riverside):
    PostcodeDistrict.objects.create(group=riverside, district="SE15")
    riverside.name = "Peckham"
    riverside.save()
    html = anon.get(DIRECTORY, {"q": "SE15"}).content.decode()
    assert "We don&#x27;t know" not in html


def test_far_from_every_group_the_page_says_none_is_near(anon, southwark):
    centre("TR1", "50.26300", "-5.05100")
    html = anon.get(DIRECTORY, {"q": "TR1"}).content.decode()
    assert "None is within 25 km" in html


def test_dan_asks_for_a_group_once_however_often_he_submits(dan, southwark):
    client = client_for(dan)
    for _ in range(2):
        response = client.post(ASK, {"district": "se22", "note": "Near the park."})
        assert response.status_code == 302
    assert GroupRequest.objects.filter(user=dan, district="SE22").count() == 1
    assert AuditEntry.objects.filter(verb="group_request.created").count() == 1


def test_a_visitor_asks_with_an_email_and_must_consent(anon, southwark):
    response = anon.post(ASK, {"district": "SE22", "email": "Erin@Example.org"})
    assert response.status_code == 400
    assert 'value="Erin@Example.org"' in response.content.decode()
    assert not GroupRequest.objects.exists()
    response = anon.post(ASK, {"district": "SE22", "email": "Erin@Example.org", "consent": "on"})
    assert response.status_code == 302
    anon.post(ASK, {"district": "SE22", "email": "erin@example.org", "consent": "on"})
    assert list(GroupRequest.objects.values_list("email", flat=True)) == ["erin@example.org"]


def test_asking_for_an_unknown_district_is_refused_at_the_field(dan, southwark):
    response = client_for(dan).post(ASK, {"district": "XX9"})
    assert response.status_code == 400
    assert "We don&#x27;t know the district XX9." in response.content.decode()
    assert not GroupRequest.objects.exists()


def test_coordinators_see_requests_counted_by_district(admin, dan, bob, southwark):
    client_for(dan).post(ASK, {"district": "SE22"})
    client_for(bob).post(ASK, {"district": "SE22"})
    client_for(bob).post(ASK, {"district": "SE13"})
    html = client_for(admin).get(reverse("groups:group_requests")).content.decode()
    assert ">SE22</a></td><td>2</td>" in html
    assert html.index("SE22") < html.index("SE13")


def test_others_get_404_for_the_requests_page_and_its_query_agrees(dan, alice, admin):
    from groundwork.groups.queries import group_requests_visible_to

    GroupRequest.objects.create(district="SE22", user=dan)
    for user in (dan, alice):
        assert client_for(user).get(reverse("groups:group_requests")).status_code == 404
        assert not user.has_perm("groups.view_group_requests")
        assert not group_requests_visible_to(user).exists()
    assert admin.has_perm("groups.view_group_requests")
    assert list(group_requests_visible_to(admin)) == [{"district": "SE22", "requests": 1}]


def test_the_nearest_groups_page_asks_as_many_queries_for_100_groups_as_for_1(anon):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    centre("SE22", "51.45300", "-0.07000")
    counts = {}
    for want in (1, 10, 100):
        for number in range(Group.objects.count(), want):
            group = GroupFactory(name=f"Group {number:03d}", slug=f"group-{number:03d}")
            if number % 2:  # half have a point, half only districts with a known centre
                group.latitude, group.longitude = Decimal("51.4"), Decimal(f"-0.{number:03d}")
                group.save()
            else:
                centre(f"E{number}", "51.5", "-0.05")
                PostcodeDistrict.objects.create(group=group, district=f"E{number}")
        with CaptureQueriesContext(connection) as queries:
            html = anon.get(DIRECTORY, {"q": "SE22"}).content.decode()
        assert html.count("km away") == min(want, 5)
        counts[want] = len(queries)
    assert counts[1] == counts[10] == counts[100], counts


@pytest.mark.parametrize("words", [None, "Riverside", '"><b>Riverside', "x" * 101, "SE15 4ZZZ"])
def test_the_search_field_is_written_out_as_django_would_render_it(anon, words):
    def normalised(html: str) -> str:
        return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()

    page = anon.get(reverse("groups:directory"), {} if words is None else {"q": words}).text
    form = SearchForm(None if words is None else {"q": words})
    form.is_valid()
    ours = page[
        page.index('<div class="field') : page.index("<button", page.index('role="search"'))
    ]
    djangos = render_to_string("components/field.html", {"field": form["q"]})
    assert normalised(ours) == normalised(djangos)


# --- A search's page and count in one query (queries.directory_page) ------------------------


@pytest.fixture
def many_groups(db):
    """30 groups whose names hold "Vale", in an order their keys do not follow, two covering
    VA1, and 10 groups named otherwise."""
    groups = [GroupFactory(name=f"Vale group {(number * 7) % 30:02d}") for number in range(30)]
    for number in range(10):
        GroupFactory(name=f"Other {number}")
    PostcodeDistrict.objects.create(group=groups[3], district="VA1")
    PostcodeDistrict.objects.create(group=groups[11], district="VA1")
    return groups


@pytest.mark.parametrize("search", ["vale", "VA1", "VA1 2BB", "group 1", "nowhere", "%", "_"])
def test_a_search_page_holds_the_groups_and_count_the_paginator_would(many_groups, search):
    from django.core.paginator import Paginator

    from groundwork.groups import queries

    pages = Paginator(queries.directory(search), 12)
    for number in (1, 2, 3, 4):
        ids, count = queries.directory_page(search, number=number, per_page=12)
        assert count == pages.count
        expected = pages.page(number).object_list if number <= pages.num_pages else []
        assert ids == [group.pk for group in expected]


@pytest.mark.parametrize("asked", ["", "1", "2", "3", "0", "-2", "x", "2.0", "99"])
def test_a_search_shows_the_page_the_paginator_chooses(anon, many_groups, asked):
    from django.core.paginator import Paginator

    from groundwork.groups import queries

    page = Paginator(queries.directory("vale"), 25).get_page(asked)
    html = anon.get(DIRECTORY, {"q": "vale", "page": asked}).text
    shown = re.findall(r'<h2><a href="/groups/[^"]+/">([^<]+)</a></h2>', html)
    assert shown == [group.name for group in page.object_list]
    assert "30 groups matching" in html

"""The map of the groups: a dot per placed group, linked and named, drawn without tiles or
JavaScript, from one query whatever the number of groups."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from conftest import client_for
from groundwork.groups import queries
from groundwork.groups.map import HEIGHT, WIDTH, MapPoint, draw_map, project
from groundwork.groups.models import DistrictCentroid, PostcodeDistrict


def test_london_is_south_east_of_edinburgh_and_both_inside_the_picture():
    london, edinburgh = project(51.5, -0.12), project(55.95, -3.19)
    assert london[0] > edinburgh[0] and london[1] > edinburgh[1]
    for x, y in (london, edinburgh):
        assert 0 < x < WIDTH and 0 < y < HEIGHT


def test_each_dot_links_to_its_group_with_its_name_escaped():
    svg = draw_map(
        [MapPoint("Tom & Jerry's <group>", "/groups/tom/", 51.5, -0.12)],
        title="Map",
        description="Groups",
    )
    assert '<a href="/groups/tom/" aria-label="Tom &amp; Jerry&#x27;s &lt;group&gt;">' in svg
    assert "<group>" not in svg


def test_a_point_outside_the_frame_is_left_off_the_map():
    svg = draw_map(
        [MapPoint("Lisbon", "/groups/lisbon/", 38.7, -9.1)], title="Map", description="Groups"
    )
    assert "/groups/lisbon/" not in svg and "<polygon" in svg


@pytest.mark.django_db
def test_a_group_without_a_point_is_placed_at_its_first_districts_centre(riverside, hillside):
    riverside.latitude, riverside.longitude = Decimal("51.47000"), Decimal("-0.06500")
    riverside.save()
    PostcodeDistrict.objects.create(group=hillside, district="SE13")
    DistrictCentroid.objects.create(
        district="SE13", latitude=Decimal("51.45800"), longitude=Decimal("-0.01100"), source="t"
    )
    assert queries.points_of_groups() == [
        ("Hillside", "hillside", 51.458, -0.011),
        ("Riverside", "riverside", 51.47, -0.065),
    ]


@pytest.mark.django_db
def test_the_directory_and_the_first_page_draw_every_placed_group(
    riverside, dan, django_assert_max_num_queries
):
    riverside.latitude, riverside.longitude = Decimal("51.47000"), Decimal("-0.06500")
    riverside.save()
    for url in (reverse("groups:directory"), reverse("members:landing")):
        html = client_for(dan).get(url).content.decode()
        assert re.search(r'<a href="/groups/riverside/" aria-label="Riverside">', html), url
    searched = client_for(dan).get(reverse("groups:directory") + "?q=Riverside").content.decode()
    assert "group-map" not in searched  # a search shows its matches, not the whole alliance

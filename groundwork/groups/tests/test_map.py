"""The map of the groups: a dot per placed group, linked and named, drawn without tiles or
JavaScript, from one query whatever the number of groups."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from conftest import client_for
from groundwork.groups import actions, queries
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


# --- The map is kept in the cache, and every action that changes it shows at once -------------


def _landing_html() -> str:
    return Client().get(reverse("members:landing")).content.decode()


@pytest.mark.django_db
def test_the_map_is_drawn_once_and_then_served_without_its_query(riverside):
    riverside.latitude, riverside.longitude = Decimal("51.47000"), Decimal("-0.06500")
    riverside.save()
    with CaptureQueriesContext(connection) as first:
        assert 'aria-label="Riverside"' in _landing_html()
    with CaptureQueriesContext(connection) as second:
        assert 'aria-label="Riverside"' in _landing_html()
    map_queries = [q for q in first.captured_queries if "groups_districtcentroid" in q["sql"]]
    assert len(map_queries) == 1
    # The whole first page is now kept for a signed-out visitor (members.hooks.LANDING).
    assert len(second.captured_queries) < len(first.captured_queries)
    assert not any("groups_districtcentroid" in q["sql"] for q in second.captured_queries)


@pytest.mark.django_db
def test_a_new_group_is_on_the_map_at_once(admin, django_capture_on_commit_callbacks):
    _landing_html()  # the map without it is now in the cache
    values = {"name": "Seaside", "latitude": Decimal("50.82"), "longitude": Decimal("-0.14")}
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_create_group(values=values, districts=[], acting_user=admin)
    assert 'aria-label="Seaside"' in _landing_html()
    assert 'aria-label="Seaside"' in Client().get(reverse("groups:directory")).content.decode()


@pytest.mark.django_db
def test_a_group_renamed_or_moved_is_redrawn_at_once(
    riverside, alice, django_capture_on_commit_callbacks
):
    riverside.latitude, riverside.longitude = Decimal("51.47000"), Decimal("-0.06500")
    riverside.save()
    before = _landing_html()
    values = {
        "name": "Riverside North",
        "latitude": Decimal("55.95"),
        "longitude": Decimal("-3.19"),
    }
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_update_group(riverside, values=values, districts=[], acting_user=alice)
    after = _landing_html()
    assert 'aria-label="Riverside"' in before and 'aria-label="Riverside"' not in after
    x, y = project(55.95, -3.19)
    assert f'aria-label="Riverside North"><circle cx="{x}" cy="{y}"' in after


@pytest.mark.django_db
def test_a_group_placed_by_newly_loaded_district_centres_appears_at_once(
    hillside, admin, django_capture_on_commit_callbacks
):
    PostcodeDistrict.objects.create(group=hillside, district="SE13")
    assert 'aria-label="Hillside"' not in _landing_html()  # no centre for SE13 yet
    centres = {"SE13": (Decimal("51.458"), Decimal("-0.011"))}
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_load_district_centroids(centres, source="test", acting_user=admin)
    assert 'aria-label="Hillside"' in _landing_html()


@pytest.mark.django_db
def test_the_map_is_kept_per_language(riverside):
    riverside.latitude, riverside.longitude = Decimal("51.47000"), Decimal("-0.06500")
    riverside.save()
    with translation.override("en-gb"):
        english = queries.GROUPS_MAP.get_or_build(lambda: "en map")
    with translation.override("cy"):
        welsh = queries.GROUPS_MAP.get_or_build(lambda: "cy map")
    assert (english, welsh) == ("en map", "cy map")

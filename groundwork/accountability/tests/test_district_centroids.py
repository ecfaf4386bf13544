"""Postcode district centres derived from the ONS Postcode Directory, for the group directory."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from groundwork.accountability.models import Postcode
from groundwork.groups.models import DistrictCentroid

pytestmark = pytest.mark.django_db


def test_load_district_centroids_derives_centres_from_the_postcode_directory(db):
    Postcode.objects.create(
        postcode="SE22 8AA", district="SE22", latitude="51.450", longitude="-0.070"
    )
    Postcode.objects.create(
        postcode="SE22 9ZZ", district="SE22", latitude="51.456", longitude="-0.072"
    )
    call_command("load_district_centroids", verbosity=0)
    centroid = DistrictCentroid.objects.get(district="SE22")
    assert (centroid.latitude, centroid.longitude) == (Decimal("51.45300"), Decimal("-0.07100"))
    assert "ONS Postcode Directory" in centroid.source


def test_terminated_postcodes_take_no_part_in_a_centre(db):
    Postcode.objects.create(
        postcode="SE22 8AA", district="SE22", latitude="51.450", longitude="-0.070"
    )
    Postcode.objects.create(
        postcode="SE22 0XX",
        district="SE22",
        latitude="52.000",
        longitude="-1.000",
        terminated="2010-01-01",
    )
    call_command("load_district_centroids", verbosity=0)
    assert DistrictCentroid.objects.get(district="SE22").latitude == Decimal("51.45000")

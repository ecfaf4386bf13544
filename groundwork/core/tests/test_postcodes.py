"""Postcodes as people type them: any case, any spacing, whole or only the district."""

import pytest

from groundwork.core.postcodes import normalised_postcode, postcode_district


@pytest.mark.parametrize(
    ("typed", "postcode"),
    [
        ("al11aa", "AL1 1AA"),
        ("  AL1  1AA ", "AL1 1AA"),
        ("se15 4ab", "SE15 4AB"),
        ("W1A 1AA", "W1A 1AA"),
        ("M1 1AE", "M1 1AE"),
        ("EC1A1BB", "EC1A 1BB"),
    ],
)
def test_a_whole_postcode_is_written_as_royal_mail_writes_it(typed, postcode):
    assert normalised_postcode(typed) == postcode


@pytest.mark.parametrize(
    "typed", ["", "AL1", "SE15", "NOT A POSTCODE", "AL1 1A", "1AL 1AA", "AL11"]
)
def test_a_district_alone_or_anything_else_is_not_a_whole_postcode(typed):
    assert normalised_postcode(typed) is None


def test_the_district_of_a_whole_postcode_or_of_a_district_alone():
    assert postcode_district("al1 1aa") == "AL1"
    assert postcode_district("se15") == "SE15"
    assert postcode_district("nonsense") is None

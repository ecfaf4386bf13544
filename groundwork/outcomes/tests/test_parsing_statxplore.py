"""The DWP Stat-Xplore export of children in relative low-income families, read as published."""

from datetime import date
from decimal import Decimal

import pytest

from groundwork.outcomes.parsing import ParsedFile, statxplore
from groundwork.outcomes.tests.parsing_data import one, parse_file

FILE = "child_poverty/dwp_statxplore_children_relative_low_income_ltla_14-22.csv"


@pytest.fixture(scope="module")
def parsed() -> ParsedFile:
    return parse_file(FILE)


def test_every_area_and_year_is_read_with_the_total_and_without_the_unknown_row(
    parsed: ParsedFile,
) -> None:
    # 374 authorities and the total row, eight years each.
    assert len(parsed.observations) == 375 * 8
    assert parsed.format == "statxplore"
    assert [spec.slug for spec in parsed.indicators] == ["children-in-relative-low-income-families"]


def test_a_figure_reads_back_digit_for_digit_with_its_line(parsed: ParsedFile) -> None:
    hartlepool = one(parsed, area_name="Hartlepool", period="2014/15")
    assert (hartlepool.line, hartlepool.published, hartlepool.value) == (5, "4325", Decimal(4325))
    assert (hartlepool.period_start, hartlepool.period_end) == (date(2014, 4, 1), date(2015, 3, 31))
    assert hartlepool.area_code == ""
    assert one(parsed, area_name="Lambeth", period="2019/20").published == "14339"


def test_a_welsh_authority_keeps_its_english_and_its_welsh_name(parsed: ParsedFile) -> None:
    cardiff = one(parsed, area_name="Cardiff", period="2019/20")
    assert (cardiff.area_name_cy, cardiff.published, cardiff.line) == ("Caerdydd", "17160", 326)
    assert one(parsed, area_name="Rhondda Cynon Taf", period="2019/20").area_name_cy == ""
    welsh_names = {o.area_name_cy for o in parsed.observations if o.area_name_cy}
    assert len(welsh_names) == 16
    assert "Ynys Môn" in welsh_names


def test_a_quoted_name_with_a_comma_is_one_name(parsed: ParsedFile) -> None:
    armagh = one(parsed, area_name="Armagh City, Banbridge and Craigavon", period="2014/15")
    assert armagh.published == "11267"


def test_the_provisional_year_is_provisional_under_its_plain_label(parsed: ParsedFile) -> None:
    latest = one(parsed, area_name="Cardiff", period="2021/22")
    assert (latest.status, latest.published) == ("provisional", "17622")
    assert {o.status for o in parsed.observations if o.period == "2021/22"} == {"provisional"}
    assert {o.status for o in parsed.observations if o.period != "2021/22"} == {"published"}
    assert not any("(p)" in o.period for o in parsed.observations)


def test_the_total_row_is_kept_as_published(parsed: ParsedFile) -> None:
    totals = [o for o in parsed.observations if o.is_total]
    assert len(totals) == 8
    total = one(parsed, area_name="Total", period="2021/22")
    assert (total.line, total.published, total.is_total) == (378, "3042543", True)
    # Kept as published: not the sum of the rows above it.
    summed = sum(
        o.value for o in parsed.observations if o.period == "2021/22" and not o.is_total and o.value
    )
    assert summed != total.value


def test_the_unknown_row_is_reported_with_its_line(parsed: ParsedFile) -> None:
    assert [(row.line, "Unknown" in row.reason) for row in parsed.skipped] == [(377, True)]
    assert not any(o.area_name == "Unknown" for o in parsed.observations)


SMALL = """\
"Dataset:","Children in Low Income Families: Relative Low Income"
"Year","2020/21","2020/21 - Annotations","2021/22 (p)","2021/22 - Annotations",
"National - Regional - LA - OAs",
"Cardiff / Caerdydd","1,234",,..,,
"Powys",17,"(p) provisional",x7,,
"Unknown",..,,..,,
"Total",2000,,3000,,

"Source: DWP Stat-Xplore",
"""


def test_a_withheld_figure_stays_withheld_and_bad_cells_are_reported() -> None:
    parsed = statxplore.parse(SMALL)
    cardiff = [o for o in parsed.observations if o.area_name == "Cardiff"]
    assert [(o.period, o.published, o.value, o.status, o.suppression) for o in cardiff] == [
        ("2020/21", "1,234", Decimal(1234), "published", ""),
        ("2021/22", "", None, "suppressed", ".."),
    ]
    powys = [o for o in parsed.observations if o.area_name == "Powys"]
    # An annotation saying provisional makes the figure provisional.
    assert [(o.period, o.status) for o in powys] == [("2020/21", "provisional")]
    assert [(row.line, row.reason) for row in parsed.skipped] == [
        (5, "Powys, 2021/22: “x7” is not a figure"),
        (6, "“Unknown” is not an area (its figures, for no known authority, are not stored)"),
    ]
    assert len(parsed.observations) == 5


def test_an_absolute_low_income_export_is_its_own_indicator() -> None:
    text = SMALL.replace("Relative Low Income", "Absolute Low Income")
    assert statxplore.parse(text).indicators[0].slug == "children-in-absolute-low-income-families"


def test_a_file_without_a_row_of_years_is_refused() -> None:
    with pytest.raises(ValueError, match="No row of years"):
        statxplore.parse('"Area","Count"\n"Cardiff",12\n')


def test_an_area_named_twice_is_kept_once_and_the_repeat_reported() -> None:
    text = '"Year","2020/21"\n"Cardiff / Caerdydd",5\n"CARDIFF",6\n'
    parsed = statxplore.parse(text)
    assert [(o.area_name, o.published) for o in parsed.observations] == [("Cardiff", "5")]
    [repeat] = parsed.skipped
    assert repeat.line == 3
    assert "differs from the figure of line 2" in repeat.reason

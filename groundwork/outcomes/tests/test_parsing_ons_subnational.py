"""The ONS subnational indicators explorer's sheets, every one of the 28, read as published."""

from decimal import Decimal

import pytest

from groundwork.outcomes.parsing import ParsedFile, ons_subnational
from groundwork.outcomes.tests.parsing_data import one, parse_file

FOLDER = "ons_subnational_indicators_2022"
NOT_DATA = ["Data dictionary", "Data inclusivity", "Notes"]
# Each data sheet: its slug, geography, observations, suppressed ones (and their mark), the
# period's label, and how many figures have confidence limits. Counted from the files by hand.
SHEETS = {
    "4G": ("4g-coverage", "district", 374, 0, "", "May 2021", 0),
    "Anxiety": ("anxiety", "district", 382, 9, "na", "Apr 2020-Mar 2021", 0),
    "Apprenticeships completions": (
        "apprenticeship-completions",
        "district",
        309,
        1,
        "na",
        "2020/21",
        0,
    ),
    "Apprenticeships starts": ("apprenticeship-starts", "district", 309, 1, "na", "2020/21", 0),
    "Broadband availability": ("gigabit-broadband", "district", 374, 0, "", "May 2021", 0),
    "Cycle to employer": ("travel-to-work-cycle", "district", 326, 0, "", "2019", 0),
    "Drive to employer": ("travel-to-work-car", "district", 326, 0, "", "2019", 0),
    "Early yrs comms": ("early-years-communication", "upper_tier", 151, 0, "", "2019", 0),
    "Early yrs lit": ("early-years-literacy", "upper_tier", 151, 0, "", "2019", 0),
    "Early yrs maths": ("early-years-maths", "upper_tier", 151, 0, "", "2019", 0),
    "Employment rate": ("employment-rate-16-64", "district", 374, 2, "na", "2020", 0),
    "Female HLE": ("healthy-life-expectancy-female", "upper_tier", 216, 2, "na", "2017 - 19", 214),
    "GCSE": ("gcse-english-maths-by-19", "district", 317, 1, "na", "2019/20", 0),
    "GVA per hour": ("gva-per-hour-worked", "district", 363, 0, "", "2019", 0),
    "Good or outstanding schools": (
        "good-or-outstanding-schools",
        "upper_tier",
        152,
        1,
        "na",
        "Sep 2020-Aug 2021",
        0,
    ),
    "Happiness": ("happiness", "district", 382, 5, "na", "Apr 2020-Mar 2021", 0),
    "Life satisfaction": ("life-satisfaction", "district", 382, 5, "na", "Apr 2020-Mar 2021", 0),
    "Male HLE": ("healthy-life-expectancy-male", "upper_tier", 216, 2, "na", "2017 - 19", 214),
    "New houses": ("net-additional-dwellings", "district", 314, 0, "", "2020/21", 0),
    "Overweight adults": ("overweight-adults", "district", 309, 0, "", "2019/20", 309),
    "Overweight children": (
        "overweight-children-reception",
        "district",
        314,
        22,
        "na",
        "2019/20",
        292,
    ),
    "Public transport to employer": (
        "travel-to-work-public-transport",
        "district",
        326,
        0,
        "",
        "2019",
        0,
    ),
    "Smokers": ("adults-who-smoke", "district", 371, 2, "na", "Apr 2020-Dec 2020", 369),
    "Weekly pay": ("median-weekly-pay", "district", 374, 2, "x", "2021", 0),
    "Worthwhile": ("feeling-life-is-worthwhile", "district", 382, 5, "na", "Apr 2020-Mar 2021", 0),
}


def sheet(name: str) -> ParsedFile:
    return parse_file(f"{FOLDER}/{name}-Table 1.csv")


def test_the_workbook_has_28_sheets_all_accounted_for() -> None:
    assert len(SHEETS) + len(NOT_DATA) == 28


@pytest.mark.parametrize("name", sorted(SHEETS))
def test_every_data_sheet_parses_with_its_indicator_geography_and_suppressed_cells(
    name: str,
) -> None:
    slug, geography, count, suppressed, mark, period, with_limits = SHEETS[name]
    parsed = sheet(name)
    assert parsed.format == "ons-subnational"
    assert [(spec.slug, spec.geography) for spec in parsed.indicators] == [(slug, geography)]
    assert len(parsed.observations) == count >= 1
    assert parsed.skipped == []
    withheld = [o for o in parsed.observations if o.status == "suppressed"]
    assert len(withheld) == suppressed
    assert all(o.value is None and o.published == "" and o.suppression == mark for o in withheld)
    assert {o.period for o in parsed.observations} == {period}
    assert sum(o.lower_ci is not None for o in parsed.observations) == with_limits
    assert all(o.area_code and o.area_name for o in parsed.observations)
    assert not any(o.area_name.startswith("lacu:") for o in parsed.observations)


@pytest.mark.parametrize("name", NOT_DATA)
def test_a_sheet_without_figures_is_reported_as_not_a_data_sheet(name: str) -> None:
    parsed = sheet(name)
    assert parsed.observations == []
    assert len(parsed.skipped) == 1
    assert parsed.skipped[0].reason.startswith("Not a data sheet")


def test_a_figure_reads_back_digit_for_digit() -> None:
    anxiety = one(sheet("Anxiety"), area_code="E06000001")
    assert (anxiety.line, anxiety.area_name, anxiety.published) == (7, "Hartlepool", "3.39")
    assert anxiety.value == Decimal("3.39")
    worthwhile = one(sheet("Worthwhile"), area_code="W06000022")
    assert (worthwhile.area_name, worthwhile.published) == ("Newport", "7.63")


def test_trailing_zeros_and_the_provisional_release_are_kept() -> None:
    pay = sheet("Weekly pay")
    hartlepool = one(pay, area_code="E06000001")
    assert (hartlepool.published, hartlepool.status) == ("487.40", "provisional")
    assert str(hartlepool.value) == "487.40"
    newry = one(pay, area_code="N09000010")
    assert (newry.area_name, newry.published) == ("Newry, Mourne and Down", "429.50")
    assert pay.indicators[0].unit == "£ a week"


def test_a_withheld_figure_stays_withheld_with_the_sheets_own_mark() -> None:
    scilly = one(sheet("Weekly pay"), area_code="E06000053")
    assert (scilly.line, scilly.status, scilly.value, scilly.suppression) == (
        56,
        "suppressed",
        None,
        "x",
    )
    wandsworth = one(sheet("Overweight children"), area_code="E09000032")
    assert (wandsworth.status, wandsworth.suppression, wandsworth.lower_ci) == (
        "suppressed",
        "na",
        None,
    )


def test_spaces_and_tabs_around_a_figure_are_taken_off() -> None:
    hartlepool = one(sheet("Employment rate"), area_code="E06000001")
    assert (hartlepool.published, hartlepool.value) == ("67.1", Decimal("67.1"))


def test_confidence_limits_are_read_and_the_95_percent_ones_chosen() -> None:
    female = one(sheet("Female HLE"), area_code="E06000001")
    assert (female.published, female.lower_ci, female.upper_ci) == (
        "57.4",
        Decimal("55.5"),
        Decimal("59.3"),
    )
    adults = one(sheet("Overweight adults"), area_code="E06000001")
    assert (adults.lower_ci, adults.upper_ci) == (Decimal("68.7"), Decimal("77.3"))
    smokers = one(sheet("Smokers"), area_code="W06000021")
    assert (smokers.published, smokers.lower_ci, smokers.upper_ci) == (
        "7.1",
        Decimal("4.6"),
        Decimal("9.6"),
    )


def test_counties_lose_their_tag_and_make_the_sheet_upper_tier() -> None:
    parsed = sheet("Early yrs comms")
    surrey = one(parsed, area_code="E10000030")
    assert (surrey.area_name, surrey.published) == ("Surrey", "88.1")
    assert parsed.indicators[0].geography == "upper_tier"


def test_a_note_over_two_lines_does_not_shift_the_line_numbers() -> None:
    parsed = sheet("Anxiety")
    corby = one(parsed, area_code="E07000150")
    assert (corby.line, corby.status) == (179, "suppressed")
    daventry = one(parsed, area_code="E07000151")
    assert (daventry.line, daventry.published) == (181, "2.99")


def test_the_indicator_is_named_and_described_from_the_preamble_and_header() -> None:
    spec = sheet("Overweight children").indicators[0]
    assert spec.name == "Children (4 to 5 years old) overweight and obesity prevalance"
    assert spec.measures == "Overweight or obese at reception age % (England)"
    assert (spec.unit, spec.better) == ("%", "lower")


SMALL = """\
Indicator:,Something new,(Back to data dictionary),,
Date:,2022/23,,,
Coverage:,UK,,,
Geography:,"Local Authority Districts and Unitary Authorities, 2023",,,
,,,,
Area Code,Area,Something new %,Lower CI,Upper CI,Notes
K02000001,United Kingdom,"1,200.5",1,2,
E06000001,Hartlepool,..,..,..,
E06000002,Middlesbrough,:,,,
E06000003,Redcar and Cleveland,[x],,,
E06000004,Stockton-on-Tees,c,,,
Total,,5,,,
E06000005,Darlington,twelve,,,
,,,,,
"Source: a note under the table",,,,,
"""


def test_any_sheet_reads_with_every_mark_its_total_and_its_bad_rows_reported() -> None:
    parsed = ons_subnational.parse(SMALL)
    assert parsed.indicators[0].slug == "something-new"
    assert parsed.indicators[0].unit == "%"
    total = parsed.observations[0]
    assert (total.is_total, total.published, total.value) == (True, "1,200.5", Decimal("1200.5"))
    assert [o.suppression for o in parsed.observations[1:]] == ["..", ":", "[x]", "c"]
    assert [(row.line, row.reason) for row in parsed.skipped] == [
        (12, "“Total” is not a GSS area code"),
        (13, "Darlington (E06000005): “twelve” is not a figure"),
    ]


def test_a_coded_row_without_a_figure_is_kept_as_withheld() -> None:
    text = "Indicator:,X\nDate:,2019\n,,\nArea Code,Area,X %\nE06000001,,\n"
    [observation] = ons_subnational.parse(text).observations
    assert (observation.area_code, observation.status, observation.line) == (
        "E06000001",
        "suppressed",
        5,
    )

"""OHID Fingertips tidy long files, read as published."""

from decimal import Decimal

import pytest

from groundwork.outcomes.parsing import ParsedFile, fingertips
from groundwork.outcomes.tests.parsing_data import one, parse_file

FOLDER = "trafford_datalab_tidy"
MALE = "healthy-life-expectancy-at-birth-male"


@pytest.fixture(scope="module")
def life_expectancy() -> ParsedFile:
    return parse_file(f"{FOLDER}/health_healthy_life_expectancy.csv")


@pytest.fixture(scope="module")
def depression() -> ParsedFile:
    return parse_file(f"{FOLDER}/health_adults_depression.csv")


@pytest.mark.parametrize(
    ("file", "observations", "suppressed", "england"),
    [
        ("health_adults_depression.csv", 1826, 1, 10),
        ("health_healthy_life_expectancy.csv", 4308, 2046, 18),
        ("poverty_children_poverty.csv", 189, 0, 14),
        ("poverty_fuel_poverty.csv", 153, 0, 9),
    ],
)
def test_every_row_is_a_figure_kept_withheld_ones_included(
    file: str, observations: int, suppressed: int, england: int
) -> None:
    parsed = parse_file(f"{FOLDER}/{file}")
    assert parsed.format == "fingertips"
    assert len(parsed.observations) == observations
    assert parsed.skipped == []
    withheld = [o for o in parsed.observations if o.status == "suppressed"]
    assert len(withheld) == suppressed
    assert all(o.value is None and o.suppression == "NA" for o in withheld)
    assert sum(o.is_total for o in parsed.observations) == england
    assert all(o.area_code == "E92000001" for o in parsed.observations if o.is_total)


def test_each_sex_is_its_own_indicator(life_expectancy: ParsedFile) -> None:
    specs = {spec.slug: spec for spec in life_expectancy.indicators}
    assert sorted(specs) == [
        "healthy-life-expectancy-at-birth-female",
        "healthy-life-expectancy-at-birth-male",
    ]
    female = specs["healthy-life-expectancy-at-birth-female"]
    assert (female.name, female.unit, female.better) == (
        "Healthy life expectancy at birth (female)",
        "years",
        "higher",
    )
    male = one(life_expectancy, area_code="E06000001", period="2016 - 18", indicator=MALE)
    assert (male.line, male.published) == (3550, "58.1")
    female_figure = one(
        life_expectancy,
        area_code="E06000001",
        period="2016 - 18",
        indicator="healthy-life-expectancy-at-birth-female",
    )
    assert (female_figure.line, female_figure.published) == (3676, "57.3")


def test_england_is_the_national_figure_as_published(life_expectancy: ParsedFile) -> None:
    england = one(life_expectancy, area_code="E92000001", period="2010 - 12", indicator=MALE)
    assert (england.line, england.area_name, england.published, england.is_total) == (
        2,
        "England",
        "63.2",
        True,
    )
    assert (england.period_start.year, england.period_end.year) == (2010, 2012)


def test_a_withheld_figure_stays_withheld(
    depression: ParsedFile, life_expectancy: ParsedFile
) -> None:
    dudley = one(depression, area_code="E08000027", period="2016/17")
    assert (dudley.line, dudley.status, dudley.value, dudley.published) == (
        480,
        "suppressed",
        None,
        "",
    )
    amber_valley = one(life_expectancy, area_code="E07000032", period="2011 - 13", indicator=MALE)
    assert (amber_valley.line, amber_valley.status) == (344, "suppressed")


def test_a_quoted_name_with_a_comma_is_one_name(depression: ParsedFile) -> None:
    poole = one(depression, area_code="E06000058", period="2019/20")
    assert (poole.area_name, poole.published, poole.line) == (
        "Bournemouth, Christchurch and Poole",
        "11.5",
        832,
    )


def test_wards_keep_their_codes_beside_the_authorities() -> None:
    parsed = parse_file(f"{FOLDER}/poverty_children_poverty.csv")
    altrincham = one(
        parsed,
        area_code="E05000819",
        indicator="children-in-relative-low-income-families-under-16s",
    )
    assert (altrincham.line, altrincham.area_name, altrincham.published) == (
        62,
        "Altrincham",
        "6.4",
    )
    trafford = one(
        parsed,
        area_code="E08000009",
        period="2016/17",
        indicator="children-in-relative-low-income-families-under-16s",
    )
    assert (trafford.line, trafford.published) == (12, "12.4")
    assert {spec.geography for spec in parsed.indicators} == {"upper_tier"}


def test_a_quoted_indicator_name_with_a_comma_is_one_indicator() -> None:
    parsed = parse_file(f"{FOLDER}/poverty_fuel_poverty.csv")
    specs = {spec.slug: spec for spec in parsed.indicators}
    assert sorted(specs) == [
        "fuel-poverty-low-income-high-cost-methodology",
        "fuel-poverty-low-income-low-energy-efficiency-methodology",
    ]
    spec = specs["fuel-poverty-low-income-low-energy-efficiency-methodology"]
    assert (spec.unit, spec.measures, spec.better) == ("%", "Percentage of households", "lower")
    trafford = one(parsed, area_code="E08000009", period="2022", indicator=spec.slug)
    assert (trafford.line, trafford.published) == (154, "11.4")


def test_the_direction_that_is_better_follows_the_files_own_comparisons() -> None:
    text = (
        "area_code,area_name,period,indicator,measure,unit,value,compared_to_England,inequality\n"
        "E92000001,England,2020,Green space,Percentage,Persons,50,Not compared,NA\n"
        "E06000001,Hartlepool,2020,Green space,Percentage,Persons,40,Worse,NA\n"
    )
    assert fingertips.parse(text).indicators[0].better == "higher"
    assert fingertips.parse(text.replace("Worse", "Better")).indicators[0].better == "lower"


def test_confidence_limits_are_read_where_published() -> None:
    text = (
        "Area Code,Area Name,Time period,Indicator Name,Sex,Value,"
        "Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI 99.8 limit,Upper CI 99.8 limit\n"
        "E06000001,Hartlepool,2020 - 22,Life expectancy at birth,Persons,78.10,77.2,79.0,76,80\n"
        "E06000002,Middlesbrough,2020 - 22,Life expectancy at birth,Persons,*,,,,\n"
        ",Nowhere,2020 - 22,Life expectancy at birth,Persons,70,,,,\n"
    )
    parsed = fingertips.parse(text)
    first, second = parsed.observations
    assert (first.published, first.lower_ci, first.upper_ci) == (
        "78.10",
        Decimal("77.2"),
        Decimal("79.0"),
    )
    assert (second.status, second.lower_ci, second.suppression) == ("suppressed", None, "*")
    assert [(row.line, "not a GSS area code" in row.reason) for row in parsed.skipped] == [
        (4, True)
    ]
    assert parsed.indicators[0].slug == "life-expectancy-at-birth"


def test_a_file_without_the_required_columns_is_refused() -> None:
    with pytest.raises(ValueError, match="no indicator, value column"):
        fingertips.parse("area_code,area_name,period\nE06000001,Hartlepool,2020\n")


def test_a_download_repeating_an_authority_under_two_area_types_keeps_it_once() -> None:
    text = (
        "Indicator ID,Indicator Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,"
        "Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Value note\n"
        "90366,Life expectancy at birth,E06000001,Hartlepool,Districts & UAs,Male,All ages,,,"
        "2020 - 22,76.2,75.4,77.0,\n"
        "90366,Life expectancy at birth,E06000001,Hartlepool,Counties & UAs,Male,All ages,,,"
        "2020 - 22,76.2,75.4,77.0,\n"
        "90366,Life expectancy at birth,E06000001,Hartlepool,Counties & UAs,Male,All ages,,,"
        "2020 - 22,76.3,75.4,77.0,\n"
        "90366,Life expectancy at birth,E92000001,England,England,Male,All ages,"
        "County & UA deprivation deciles,Most deprived decile,2020 - 22,74.1,,,\n"
    )
    parsed = fingertips.parse(text)
    [kept] = parsed.observations
    assert (kept.line, kept.published, kept.indicator) == (
        2,
        "76.2",
        "life-expectancy-at-birth-male",
    )
    assert [row.line for row in parsed.skipped] == [3, 4, 5]
    assert "repeats the figure of line 2" in parsed.skipped[0].reason
    assert "differs from the figure of line 2" in parsed.skipped[1].reason
    assert "breakdown by County & UA deprivation deciles" in parsed.skipped[2].reason

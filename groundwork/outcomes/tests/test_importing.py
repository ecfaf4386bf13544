"""The importer, on parsed files built here: figures added, updated with their history kept,
unchanged, skipped with their line; suppressed figures; total rows; dry runs; the same file
twice."""

from datetime import date
from decimal import Decimal

import pytest

from groundwork.core.errors import ActionError
from groundwork.core.models import AuditEntry
from groundwork.outcomes.actions import check_import_indicator, restrict_to_indicator
from groundwork.outcomes.actions.resolving import fold
from groundwork.outcomes.models import (
    Area,
    AreaName,
    Indicator,
    IndicatorImport,
    Observation,
    ObservationRevision,
    Succession,
)
from groundwork.outcomes.parsing.records import (
    IndicatorSpec,
    ParsedFile,
    ParsedObservation,
    SkippedRow,
)
from groundwork.outcomes.tests.factories import england, make_area
from groundwork.outcomes.tests.targets_factories import CHILDREN_SPEC as SPEC

pytestmark = pytest.mark.django_db


def figure(line, area, value, *, year=2021, status="published", code="", **more):
    """One parsed figure: `area` is a name unless `code` is given; value None is suppressed."""
    return ParsedObservation(
        line=line,
        indicator="children",
        area_code=code,
        area_name=area,
        period=f"{year}/{str(year + 1)[-2:]}",
        period_start=date(year, 4, 1),
        period_end=date(year + 1, 3, 31),
        published=value or "",
        value=None if value is None else Decimal(value),
        status="suppressed" if value is None else status,
        suppression=".." if value is None else "",
        **more,
    )


def parsed(*observations, skipped=()):
    return ParsedFile(
        format="statxplore",
        indicators=[SPEC],
        observations=list(observations),
        skipped=list(skipped),
    )


def named(gss_code, name, *variants, **fields):
    area = make_area(gss_code, name, **fields)
    for variant in (name, *variants):
        AreaName.objects.get_or_create(area=area, folded=fold(variant))
    return area


@pytest.fixture
def places(db):
    uk = make_area("K02000001", "United Kingdom", level="country", nation="uk", region="")
    return {
        "uk": uk,
        "england": england(),
        "lambeth": named("E09000022", "Lambeth", "London Borough of Lambeth"),
        "cardiff": named("W06000015", "Cardiff", nation="wales", region="Wales"),
        "hartlepool": named("E06000001", "Hartlepool", region="North East"),
    }


def run(file, *, dry_run=False, file_name="cilif.csv"):
    release = IndicatorImport.objects.create(
        file_name=file_name, sha256="0" * 64, format=file.format, dry_run=dry_run
    )
    return check_import_indicator(file, release=release, acting_user=None, dry_run=dry_run)


def test_figures_are_added_with_their_text_as_published(places):
    report = run(parsed(figure(3, "Lambeth", "12302"), figure(4, "Hartlepool", "4325.50")))
    assert report.summary() == "2 rows: 2 added, 0 updated, 0 unchanged, 0 skipped"
    lambeth = Observation.objects.get(area=places["lambeth"])
    assert (lambeth.value, lambeth.published, lambeth.status) == (
        Decimal("12302"),
        "12302",
        "published",
    )
    assert Observation.objects.get(area=places["hartlepool"]).published == "4325.50"
    indicator = Indicator.objects.get(slug="children-low-income")
    assert (indicator.unit, indicator.better) == ("children", "lower")
    release = IndicatorImport.objects.get()
    assert (release.added, release.summary) == (2, report.summary())
    assert AuditEntry.objects.filter(verb="indicators.imported").count() == 1


def test_the_same_file_twice_changes_nothing(places):
    file = parsed(figure(3, "Lambeth", "12302"), figure(4, "Cardiff", None))
    run(file)
    before = list(Observation.objects.values())
    report = run(file)
    assert report.summary() == "2 rows: 0 added, 0 updated, 2 unchanged, 0 skipped"
    assert list(Observation.objects.values()) == before
    assert not ObservationRevision.objects.exists()


def test_a_newer_release_updates_the_figure_and_keeps_the_earlier_one_as_history(places):
    run(parsed(figure(3, "Lambeth", "12302", status="provisional")), file_name="first.csv")
    first = IndicatorImport.objects.get()
    report = run(parsed(figure(3, "Lambeth", "12410")), file_name="second.csv")
    assert report.summary() == "1 rows: 0 added, 1 updated, 0 unchanged, 0 skipped"
    figure_now = Observation.objects.get()
    assert (figure_now.published, figure_now.status) == ("12410", "revised")
    history = ObservationRevision.objects.get(observation=figure_now)
    assert (history.published, history.status, history.release) == ("12302", "provisional", first)
    # Repeating the final figure later changes nothing: it stays revised.
    assert run(parsed(figure(3, "Lambeth", "12410"))).unchanged == 1


def test_a_provisional_figure_confirmed_unchanged_becomes_published(places):
    run(parsed(figure(3, "Lambeth", "12302", status="provisional")))
    report = run(parsed(figure(3, "Lambeth", "12302")))
    assert report.updated == 1
    assert Observation.objects.get().status == "published"
    assert ObservationRevision.objects.get().status == "provisional"


def test_a_suppressed_figure_is_stored_suppressed_never_as_zero(places):
    report = run(parsed(figure(5, "Cardiff", None)))
    assert report.added == 1
    stored = Observation.objects.get()
    assert (stored.value, stored.published, stored.status) == (None, "", "suppressed")
    assert not Observation.objects.filter(value=0).exists()
    # A figure that says suppressed but carries a value is still stored without one.
    run(parsed(figure(6, "Lambeth", "0", status="suppressed")))
    assert Observation.objects.get(area=places["lambeth"]).value is None


def test_a_suppressed_figure_that_is_published_later_is_updated(places):
    run(parsed(figure(5, "Cardiff", None)))
    run(parsed(figure(5, "Cardiff", "311")))
    stored = Observation.objects.get()
    assert (stored.value, stored.status) == (Decimal("311"), "published")
    assert ObservationRevision.objects.get().status == "suppressed"


def test_an_unmatched_name_is_skipped_and_reported_with_its_line(places):
    report = run(
        parsed(
            figure(3, "Lambeth", "12302"),
            figure(40, "Unknown", None),
            figure(41, "Atlantis", "5", year=2020),
            figure(41, "Atlantis", "6", year=2021),
        )
    )
    assert report.summary() == "4 rows: 1 added, 0 updated, 0 unchanged, 3 skipped"
    assert report.report == [
        {"line": 40, "reason": "no area is named “Unknown”"},
        {"line": 41, "reason": "no area is named “Atlantis”"},
    ]
    assert IndicatorImport.objects.get().report == report.report


def test_the_parsers_skipped_lines_are_counted_and_reported(places):
    report = run(parsed(figure(3, "Lambeth", "1"), skipped=[SkippedRow(2, "a heading")]))
    assert report.summary() == "2 rows: 1 added, 0 updated, 0 unchanged, 1 skipped"
    assert report.report == [{"line": 2, "reason": "a heading"}]


def test_a_bilingual_name_is_found_by_either_half_and_gives_the_welsh_name(places):
    report = run(parsed(figure(7, "Cardiff / Caerdydd", "9000")))
    assert report.added == 1
    assert Observation.objects.get().area == places["cardiff"]
    places["cardiff"].refresh_from_db()
    assert places["cardiff"].name_cy == "Caerdydd"
    # A Welsh name already known is kept.
    Area.objects.filter(pk=places["cardiff"].pk).update(name_cy="Caerdydd (set by hand)")
    run(parsed(figure(7, "Cardiff / Caerdydd", "9001")))
    assert Area.objects.get(pk=places["cardiff"].pk).name_cy == "Caerdydd (set by hand)"


def test_a_code_given_is_used_as_it_is_even_when_it_has_a_successor(places):
    christchurch = make_area("E07000048", "Christchurch", level="district", region="South West")
    bcp = make_area("E06000058", "Bournemouth, Christchurch and Poole", region="South West")
    Succession.objects.create(predecessor=christchurch, successor=bcp)
    report = run(parsed(figure(2, "Christchurch", "1", code="E07000048")))
    assert report.added == 1 and Observation.objects.get().area == christchurch
    missing = run(parsed(figure(3, "Nowhere", "1", code="E09999999")))
    assert missing.report == [{"line": 3, "reason": "no area has the GSS code E09999999"}]


def test_a_name_of_a_former_and_a_current_area_finds_the_current_one(places):
    old = named("E10000002", "Buckinghamshire", level="upper_tier", region="South East")
    new = named("E06000060", "Buckinghamshire", region="South East")
    Succession.objects.create(predecessor=old, successor=new)
    spec = IndicatorSpec(**{**SPEC.__dict__, "geography": "upper_tier"})
    report = run(
        ParsedFile(
            format="statxplore", indicators=[spec], observations=[figure(2, "Buckinghamshire", "3")]
        )
    )
    assert report.added == 1 and Observation.objects.get().area == new


def test_a_name_of_two_current_areas_is_reported_not_guessed(places):
    named("E07000001", "Twin", level="district")
    named("E07000002", "Twin", level="district")
    report = run(parsed(figure(9, "Twin", "1")))
    assert report.skipped == 1
    assert report.report[0]["reason"].startswith("“Twin” names more than one area")


def test_a_total_row_is_stored_as_published_for_the_country_the_file_covers(places):
    report = run(
        parsed(
            figure(3, "Lambeth", "12302"),
            figure(4, "Hartlepool", "4325"),
            figure(9, "Total", "2365707", is_total=True),
        )
    )
    assert report.added == 3
    total = Observation.objects.get(area=places["england"])
    assert total.published == "2365707"  # as published, not the sum of the rows
    # A file across nations: its total is the UK's.
    across = [figure(5, "Cardiff", "9", year=2019), figure(6, "Lambeth", "8", year=2019)]
    run(parsed(*across, figure(9, "Total", "3042543", is_total=True, year=2019)))
    assert Observation.objects.get(area=places["uk"]).published == "3042543"
    # Wales alone, whose country is not among the areas: reported.
    wales_only = run(parsed(figure(5, "Cardiff", "9"), figure(9, "Total", "1", is_total=True)))
    assert wales_only.report == [
        {"line": 9, "reason": "no area has the GSS code W92000004 (run import_areas)"}
    ]


def test_the_same_area_and_period_twice_in_a_file_is_skipped_the_second_time(places):
    report = run(parsed(figure(3, "Lambeth", "1"), figure(8, "London Borough of Lambeth", "2")))
    assert report.summary() == "2 rows: 1 added, 0 updated, 0 unchanged, 1 skipped"
    assert report.report == [{"line": 8, "reason": "the same area and period as line 3"}]
    assert Observation.objects.get().published == "1"


def test_a_dry_run_counts_the_same_and_writes_nothing(places):
    file = parsed(figure(3, "Lambeth", "12302"), figure(4, "Atlantis", "1"))
    report = run(file, dry_run=True)
    assert report.summary() == "2 rows: 1 added, 0 updated, 0 unchanged, 1 skipped"
    assert not Observation.objects.exists() and not Indicator.objects.exists()
    assert not AuditEntry.objects.filter(verb="indicators.imported").exists()
    assert IndicatorImport.objects.get().summary == report.summary()


def test_one_indicator_of_several_can_be_chosen(places):
    other = IndicatorSpec(key="adults", slug="adults", name="Adults", source="DWP")
    file = ParsedFile(
        format="fingertips",
        indicators=[SPEC, other],
        observations=[
            figure(2, "Lambeth", "1"),
            ParsedObservation(**{**figure(3, "Lambeth", "2").__dict__, "indicator": "adults"}),
        ],
    )
    only = restrict_to_indicator(file, "adults")
    assert [o.line for o in only.observations] == [3]
    with pytest.raises(ActionError, match="holds no indicator nope"):
        restrict_to_indicator(file, "nope")
    # A file of one indicator: its figures are stored under the slug given.
    renamed = restrict_to_indicator(parsed(figure(2, "Lambeth", "1")), "child-poverty-2022")
    run(renamed)
    assert Indicator.objects.get().slug == "child-poverty-2022"


def test_decimal_places_beyond_eight_keep_their_text_and_compare_equal_next_time(places):
    file = parsed(figure(2, "Hartlepool", "35.036692631192025"))
    run(file)
    stored = Observation.objects.get()
    assert stored.published == "35.036692631192025"
    assert stored.value == Decimal("35.03669263")
    assert run(file).unchanged == 1


def test_confidence_intervals_are_kept_and_a_changed_interval_is_an_update(places):
    run(parsed(figure(2, "Lambeth", "7.3", lower_ci=Decimal("7.1"), upper_ci=Decimal("7.5"))))
    report = run(
        parsed(figure(2, "Lambeth", "7.3", lower_ci=Decimal("7.0"), upper_ci=Decimal("7.5")))
    )
    assert report.updated == 1
    assert Observation.objects.get().lower_ci == Decimal("7.0")
    assert ObservationRevision.objects.get().lower_ci == Decimal("7.1")


def test_areas_exist_for_every_code_of_the_places_fixture(places):
    assert Area.objects.count() == 5

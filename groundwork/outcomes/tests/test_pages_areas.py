"""The public area pages: an area's figures as published, against the national figure, with its
rank among comparable areas, its source and licence; the index of areas; and the area's CSV."""

import csv
import io

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from groundwork.core.csv import csv_lines
from groundwork.groups.tests.factories import GroupFactory
from groundwork.outcomes.models import Observation, Succession
from groundwork.outcomes.queries import figures_for
from groundwork.outcomes.tests.factories import (
    england,
    link_group,
    make_area,
    make_indicator,
    observe,
)

pytestmark = pytest.mark.django_db


def area_url(code: str = "E09000022") -> str:
    return reverse("outcomes:area", kwargs={"gss_code": code})


@pytest.fixture
def lambeth():
    return make_area()


@pytest.fixture
def poverty():
    return make_indicator(unit="%", source_url="https://stat-xplore.dwp.gov.uk/")


def london_boroughs(indicator, values: dict[str, str | None], year: int = 2022):
    """Boroughs E09000001.. with these figures for the year."""
    made = {}
    for index, (name, value) in enumerate(values.items(), start=1):
        area = make_area(f"E090000{index:02d}", name)
        observe(indicator, area, year, value)
        made[name] = area
    return made


def test_anyone_reads_an_areas_latest_figure_as_published_with_its_period(client, lambeth, poverty):
    observe(poverty, lambeth, 2021, "25.10")
    observe(poverty, lambeth, 2022, "27.30", status="provisional")
    response = client.get(area_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "27.30" in page and "(provisional)" in page and "in 2022/23" in page
    assert "Children in relative low-income families" in page
    assert "DWP Children in Low Income Families" in page
    assert "Open Government Licence v3.0" in page
    assert 'href="https://stat-xplore.dwp.gov.uk/"' in page


def test_a_suppressed_figure_shows_as_suppressed_never_as_zero(client, lambeth, poverty):
    observe(poverty, lambeth, 2021, "25.1")
    observe(poverty, lambeth, 2022, None)
    page = client.get(area_url()).content.decode()
    assert "suppressed" in page
    figure = figures_for(lambeth)[0]
    assert figure.latest.status == Observation.Status.SUPPRESSED and figure.rank is None
    # In the chart: one marker for 2021/22, and no point at all for 2022/23.
    assert page.count("<circle") == 1


def test_the_chart_sits_beside_a_table_of_every_figure_and_the_national_one(
    client, lambeth, poverty
):
    for year, here, nation in [
        (2020, "20.5", "17.0"),
        (2021, "21.5", "18.0"),
        (2022, "22.5", None),
    ]:
        observe(poverty, lambeth, year, here)
        if nation:
            observe(poverty, england(), year, nation)
    page = client.get(area_url()).content.decode()
    assert 'role="img"' in page and "<title id=" in page
    assert "Children in relative low-income families in Lambeth, by period" in page
    for text in ["20.5", "21.5", "22.5", "17.0", "18.0", "England"]:
        assert text in page
    assert page.count("<rect") == 2  # England's two square markers


def test_a_national_total_is_in_the_table_but_not_drawn_against_one_areas_count(
    client, lambeth, poverty
):
    for year, here, nation in [(2020, "12920", "2916226"), (2021, "12045", "3042543")]:
        observe(poverty, lambeth, year, here)
        observe(poverty, england(), year, nation)
    page = client.get(area_url()).content.decode()
    assert page.count("<rect") == 0 and page.count("<circle") == 2  # Lambeth's line alone
    assert "3042543" in page  # England's figures stay in the table
    assert "England's figure is a total on another scale, so it is in the table" in page


def test_a_welsh_area_is_compared_with_wales_and_else_with_the_uk(client, poverty):
    cardiff = make_area("W06000015", "Cardiff", nation="wales", region="Wales", name_cy="Caerdydd")
    wales = make_area("W92000004", "Wales", level="country", nation="wales")
    uk = make_area("K02000001", "United Kingdom", level="country", nation="uk")
    other = make_indicator("life-expectancy", name="Life expectancy", better="higher")
    observe(poverty, cardiff, 2022, "30.0")
    observe(poverty, wales, 2022, "28.0")
    observe(poverty, uk, 2022, "20.0")
    observe(other, cardiff, 2022, "79.1")
    observe(other, uk, 2022, "80.9")
    by_slug = {figure.indicator.slug: figure for figure in figures_for(cardiff)}
    assert by_slug["children-low-income"].comparator == wales
    assert by_slug["life-expectancy"].comparator == uk
    page = client.get(area_url("W06000015")).content.decode()
    assert "Caerdydd" in page


def test_the_rank_is_among_comparable_areas_with_the_direction_that_is_better(client, poverty):
    boroughs = london_boroughs(
        poverty, {"Camden": "10", "Hackney": "30", "Lambeth": "20", "Newham": "40", "Ealing": None}
    )
    county = make_area("E10000003", "Cambridgeshire", level="upper_tier")
    observe(poverty, county, 2022, "1")  # not a district: not ranked with them
    observe(poverty, make_area("E09000099", "Old year"), 2021, "5")  # another period
    page = client.get(area_url(boroughs["Lambeth"].gss_code)).content.decode()
    assert "2nd of 4 local authorities in England, where lower is better" in page


def test_scores_not_comparable_across_nations_are_ranked_within_the_nation(client):
    imd = make_indicator("imd", name="Deprivation score", better="lower",
                         comparable_within_nation_only=True)  # fmt: skip
    cardiff = make_area("W06000015", "Cardiff", nation="wales")
    swansea = make_area("W06000011", "Swansea", nation="wales")
    for area, value in [(cardiff, "20"), (swansea, "10"), (make_area(), "5")]:
        observe(imd, area, 2019, value, financial_year=False)
    page = client.get(area_url("W06000015")).content.decode()
    assert "2nd of 2 local authorities in Wales, where lower is better" in page


def test_the_rank_agrees_with_the_indicators_ranking(client, poverty):
    boroughs = london_boroughs(poverty, {"A": "5", "B": "5", "C": "7", "D": "1"})
    from groundwork.outcomes.queries import rankings_of

    (ranking,) = rankings_of(poverty)
    by_area = {row.area.pk: row.rank for row in ranking.rows}
    for area in boroughs.values():
        (figure,) = figures_for(area)
        assert figure.rank == by_area[area.pk]
    assert sorted(rank or 0 for rank in by_area.values()) == [1, 2, 2, 4]


def test_predecessors_successors_and_the_groups_working_there_are_linked(client, lambeth, poverty):
    old = make_area("E07000001", "Old District", level="district")
    new = make_area("E06000999", "New Unitary")
    Succession.objects.create(predecessor=old, successor=lambeth)
    Succession.objects.create(predecessor=lambeth, successor=new)
    group = GroupFactory(name="Brixton Action", slug="brixton")
    link_group(group, lambeth)
    page = client.get(area_url()).content.decode()
    assert f'href="{old.get_absolute_url()}"' in page
    assert f'href="{new.get_absolute_url()}"' in page
    assert 'href="/groups/brixton/"' in page
    assert "No figures have been published for this area yet." in page


def test_an_unknown_code_is_404_and_a_lower_case_code_finds_the_area(client, lambeth):
    assert client.get(area_url("E09999999")).status_code == 404
    assert client.get("/outcomes/areas/e09000022/").status_code == 200


def test_the_index_finds_areas_by_name_welsh_name_and_nation(client, lambeth):
    make_area("W06000015", "Cardiff", nation="wales", name_cy="Caerdydd")
    page = client.get(reverse("outcomes:areas"), {"q": "caerdydd"}).content.decode()
    assert "Cardiff" in page and "Lambeth" not in page
    page = client.get(reverse("outcomes:areas"), {"nation": "england"}).content.decode()
    assert "Lambeth" in page and "Cardiff" not in page


def read_csv(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_the_csv_gives_every_figure_digit_for_digit_as_published(client, lambeth, poverty):
    published = ["25.10", "0.000123", "1234567.5", "-2.50", "7"]
    for year, value in enumerate(published, start=2015):
        observe(poverty, lambeth, year, value)
    observe(poverty, lambeth, 2020, None)
    response = client.get(reverse("outcomes:area_csv", kwargs={"gss_code": "E09000022"}))
    assert response["Content-Type"] == "text/csv"
    assert 'filename="E09000022.csv"' in response["Content-Disposition"]
    rows = read_csv(response)
    assert list(rows[0]) == ["indicator", "period", "value", "unit", "status", "source"]
    assert [row["value"] for row in rows] == [*published, ""]
    assert rows[-1]["status"] == "suppressed" and rows[-1]["period"] == "2020/21"
    assert rows[0] == {
        "indicator": "Children in relative low-income families",
        "period": "2015/16",
        "value": "25.10",
        "unit": "%",
        "status": "published",
        "source": "DWP Children in Low Income Families",
    }


def test_a_name_that_looks_like_a_formula_cannot_run_in_a_spreadsheet(client, lambeth):
    indicator = make_indicator("formula", name='=HYPERLINK("http://evil")')
    observe(indicator, lambeth, 2022, "1")
    rows = read_csv(client.get("/outcomes/areas/E09000022.csv"))
    assert rows[0]["indicator"].startswith("'=")


def test_the_csv_of_an_unknown_area_is_404(client):
    assert client.get("/outcomes/areas/E09999999.csv").status_code == 404


def many(lambeth, indicators: int, years: int) -> None:
    nation = england()
    for number in range(indicators):
        indicator = make_indicator(f"indicator-{number}", name=f"Indicator {number}")
        for year in range(2000, 2000 + years):
            observe(indicator, lambeth, year, str(number + year))
            observe(indicator, nation, year, str(year))


@pytest.mark.parametrize(("indicators", "years"), [(1, 1), (10, 1), (1, 10), (10, 10), (1, 100)])
def test_the_area_page_reads_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, lambeth, indicators, years
):
    many(lambeth, indicators, years)
    link_group(GroupFactory(), lambeth)
    with django_assert_max_num_queries(7):
        response = client.get(area_url())
    assert response.content.decode().count("<figure") == indicators


def test_the_area_page_reads_a_fixed_number_of_queries_at_100_indicators(
    client, django_assert_max_num_queries, lambeth
):
    many(lambeth, 100, 1)
    with django_assert_max_num_queries(7):
        assert client.get(area_url()).status_code == 200
    with django_assert_max_num_queries(2):
        assert len(read_csv(client.get("/outcomes/areas/E09000022.csv"))) == 100


@pytest.mark.parametrize("count", [1, 10, 100])
def test_the_index_reads_a_fixed_number_of_queries(client, django_assert_max_num_queries, count):
    for number in range(count):
        make_area(f"E0700{number:04d}", f"District {number}", level="district")
    with django_assert_max_num_queries(2):
        assert client.get(reverse("outcomes:areas")).status_code == 200


def test_the_figures_are_read_once_then_kept_until_an_import_changes_them(
    client, django_assert_max_num_queries, lambeth, poverty
):
    observe(poverty, lambeth, 2021, "25.10")
    assert "25.10" in client.get(area_url()).content.decode()
    # Kept: the area, the figures' version, successions and groups; nothing else.
    with django_assert_max_num_queries(4):
        assert "25.10" in client.get(area_url()).content.decode()
    observe(poverty, lambeth, 2022, "26.20")  # a new release's figure
    assert "26.20" in client.get(area_url()).content.decode()
    revised = Observation.objects.get(period="2021/22")
    revised.published, revised.status, revised.release = "25.20", "revised", _release()
    revised.save()
    assert "25.20" in client.get(area_url()).content.decode()


def _release():
    from groundwork.outcomes.models import IndicatorImport

    return IndicatorImport.objects.create(
        file_name="cilif.csv", sha256="0" * 64, format="statxplore"
    )


@given(
    st.from_regex(r"-?[0-9]{1,9}(\.[0-9]{1,8})?", fullmatch=True),
    st.sampled_from(["published", "provisional", "revised"]),
)
def test_any_published_number_reads_back_from_the_csv_exactly(published, status):
    """No database: a figure as the CSV writes it, read back by a spreadsheet-like reader."""
    from groundwork.outcomes.models import Indicator
    from groundwork.outcomes.views.areas import CSV_HEADER, csv_row

    indicator = Indicator(name="Life expectancy", unit="years", source="ONS")
    figure = Observation(indicator=indicator, period="2020-22", published=published, status=status)
    text = "".join(csv_lines(CSV_HEADER, [csv_row(figure)]))
    (row,) = csv.DictReader(io.StringIO(text))
    assert row["value"] == published and row["status"] == status

"""An indicator's ranking of areas and the alliance dashboard of need: groups' areas ranked by a
chosen indicator, the areas of greatest need with no group yet, nations kept apart where scores
are not comparable across them."""

import re

import pytest
from django.urls import reverse

from groundwork.groups.tests.factories import GroupFactory
from groundwork.outcomes.queries import competition_ranks, rankings_of
from groundwork.outcomes.tests.factories import link_group, make_area, make_indicator, observe

pytestmark = pytest.mark.django_db

DASHBOARD = "/outcomes/dashboard/"


def boroughs(indicator, values: dict[str, str | None], year: int = 2022) -> dict:
    made = {}
    for index, (name, value) in enumerate(values.items(), start=1):
        area = make_area(f"E090000{index:02d}", name)
        observe(indicator, area, year, value)
        made[name] = area
    return made


def rows_of(page: str, heading: str) -> list[str]:
    """The area names of the table after `heading`, in order."""
    section = page.split(heading, 1)[1].split("</table>", 1)[0]
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', section)


def test_competition_ranks_share_a_place_and_skip_the_next():
    assert competition_ranks([5, 5, 7, 1, None], lower_is_better=True) == [2, 2, 4, 1, None]
    assert competition_ranks([5, 5, 7, 1], lower_is_better=False) == [2, 2, 1, 4]


def test_the_indicator_page_ranks_areas_best_first_at_the_latest_period(client):
    poverty = make_indicator()
    areas = boroughs(poverty, {"Hackney": "30", "Camden": "10", "Newham": None, "Lambeth": "20"})
    observe(poverty, areas["Hackney"], 2021, "1")  # an older period does not count
    response = client.get(reverse("outcomes:indicator", kwargs={"slug": poverty.slug}))
    page = response.content.decode()
    assert rows_of(page, "<tbody>") == ["Camden", "Lambeth", "Hackney", "Newham"]
    assert "2022/23" in page and page.count('role="img"') == 1
    assert "suppressed" in page


def test_an_unknown_indicator_is_404(client):
    assert client.get("/outcomes/indicators/nothing/").status_code == 404


def test_the_dashboard_ranks_groups_areas_by_need_and_names_their_groups(client):
    poverty = make_indicator()
    areas = boroughs(poverty, {"Camden": "10", "Hackney": "30", "Lambeth": "20", "Newham": "40"})
    link_group(GroupFactory(name="Brixton Action"), areas["Lambeth"])
    link_group(GroupFactory(name="Hackney Together"), areas["Hackney"])
    page = client.get(DASHBOARD).content.decode()
    groups_table = page.split("Areas where groups work", 1)[1]
    assert rows_of(groups_table, "<tbody>") == ["Hackney", "Lambeth"]  # greatest need first
    assert "Brixton Action" in groups_table and "3 of 4" in groups_table
    # Newham, with the greatest need, has no group; Camden, the best placed, is not in need.
    assert rows_of(page, "Areas of greatest need with no group yet") == ["Newham"]


def test_the_dashboard_ranks_by_the_indicator_chosen(client):
    make_indicator()
    life = make_indicator("life-expectancy", name="Life expectancy", better="higher")
    boroughs(life, {"Camden": "83.1", "Newham": "79.2", "Hackney": "80.5", "Ealing": "82.0"})
    page = client.get(DASHBOARD, {"indicator": "life-expectancy"}).content.decode()
    assert '<option value="life-expectancy" selected>' in page
    assert rows_of(page, "no group yet") == ["Newham", "Hackney"]  # shortest lives first
    # An unknown choice falls back to the first indicator, by name.
    page = client.get(DASHBOARD, {"indicator": "nope"}).content.decode()
    assert '<option value="children-low-income" selected>' in page


def test_indices_not_comparable_across_nations_are_ranked_within_each_nation(client):
    imd = make_indicator("imd", name="Deprivation", better="lower",
                         comparable_within_nation_only=True)  # fmt: skip
    observe(imd, make_area("E09000001", "Camden"), 2019, "20", financial_year=False)
    observe(imd, make_area("E09000002", "Hackney"), 2019, "30", financial_year=False)
    observe(imd, make_area("W06000015", "Cardiff", nation="wales"), 2019, "50",
            financial_year=False)  # fmt: skip
    observe(imd, make_area("S12000036", "Edinburgh", nation="scotland"), 2020, "9",
            financial_year=False)  # fmt: skip
    rankings = rankings_of(imd)
    assert [(r.nation, r.period, r.out_of) for r in rankings] == [
        ("england", "2019", 2), ("wales", "2019", 1), ("scotland", "2020", 1),
    ]  # fmt: skip
    page = client.get(DASHBOARD).content.decode()
    assert "ranked within each nation separately" in page
    assert "Wales, 2019 (1 area ranked)" in page and "England, 2019 (2 areas ranked)" in page
    assert "1 of 1" in page and "1 of 2" not in page.split("Wales, 2019")[1]


def test_the_dashboard_with_no_indicators_says_so(client):
    assert "No indicators have been imported yet." in client.get(DASHBOARD).content.decode()


@pytest.mark.parametrize("count", [1, 10, 100])
def test_the_dashboard_and_the_indicator_page_read_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count
):
    poverty = make_indicator()
    make_indicator("other", name="Other")
    for number in range(count):
        area = make_area(f"E0700{number:04d}", f"District {number}", level="district")
        for year in (2020, 2021):
            observe(poverty, area, year, str(number))
        if number % 2:
            link_group(GroupFactory(), area)
    with django_assert_max_num_queries(5):
        page = client.get(DASHBOARD).content.decode()
    assert f"({count} area" in page
    with django_assert_max_num_queries(4):
        assert client.get(poverty.get_absolute_url()).status_code == 200


def test_a_group_newly_linked_to_an_area_shows_on_the_dashboard_at_once(client):
    poverty = make_indicator()
    areas = boroughs(poverty, {"Camden": "10", "Newham": "40"})
    assert "Newham" in rows_of(client.get(DASHBOARD).content.decode(), "no group yet")
    link_group(GroupFactory(name="Newham Rising"), areas["Newham"])
    page = client.get(DASHBOARD).content.decode()
    assert "Newham Rising" in page and rows_of(page, "no group yet") == []

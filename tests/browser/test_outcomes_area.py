"""A member reads the outcomes for their group's area in a browser: Bob, of Riverside (which works
in Southwark), finds Southwark from the Outcomes link, sees Riverside among the groups working
there, reads the chart of children in low-income families against England and the table beside
it (a suppressed year shown as suppressed, a provisional one marked), and downloads the area's
CSV, whose values are the figures as published, digit for digit.

Every page visited is checked with axe-core. Set GROUNDWORK_SCREENSHOTS to keep screenshots.
"""

import csv
import re

import pytest
from playwright.sync_api import Page, expect

from groundwork.outcomes.tests.factories import (
    england,
    link_group,
    make_area,
    make_indicator,
    observe,
)
from tests.browser.conftest import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SOUTHWARK = [(2019, "24.90", "published"), (2020, None, "suppressed"),
             (2021, "26.05", "published"), (2022, "27.30", "provisional")]  # fmt: skip
ENGLAND = [(2019, "19.1"), (2020, "18.7"), (2021, "19.9"), (2022, "20.1")]


def southwark_with_figures(riverside):
    southwark = make_area("E09000028", "Southwark")
    poverty = make_indicator(unit="%")
    for year, value, status in SOUTHWARK:
        observe(poverty, southwark, year, value, status=status)
    for year, value in ENGLAND:
        observe(poverty, england(), year, value)
    link_group(riverside, southwark)
    return southwark


def test_a_member_reads_their_groups_area_and_downloads_its_figures(
    page: Page, live_server, riverside, bob
):
    southwark_with_figures(riverside)
    sign_in(page, live_server, bob)

    menu = page.get_by_role("navigation", name="Main")
    menu.get_by_text("More").click()  # the links past the first few are under "More"
    menu.get_by_role("link", name="Outcomes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Areas")
    assert_accessible(page)
    page.get_by_role("searchbox", name="Search by name or code").fill("Southwark")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Southwark", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Southwark")
    groups = page.get_by_role("region", name="Groups working here")
    expect(groups.get_by_role("link", name="Riverside")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "outcomes-area")

    # The chart is an image named by its title; the table beside it holds every figure.
    title = "Children in relative low-income families in Southwark"
    expect(page.get_by_role("img", name=title)).to_be_visible()
    expect(page.locator("p.lead").first).to_contain_text("27.30 (provisional) % in 2022/23")
    table = page.get_by_role("table", name=f"{title}, by period")
    expect(table.get_by_role("columnheader")).to_have_text(["Period", "Southwark", "England"])
    rows = table.get_by_role("row")
    expect(rows).to_have_count(5)
    expect(rows.nth(1).get_by_role("cell")).to_have_text(["24.90", "19.1"])
    expect(rows.nth(2).get_by_role("cell")).to_have_text(["suppressed", "18.7"])
    expect(rows.nth(4).get_by_role("cell")).to_have_text(["27.30 (provisional)", "20.1"])

    with page.expect_download() as waiting:
        page.get_by_role("link", name=re.compile("Download every figure for Southwark")).click()
    download = waiting.value
    assert download.suggested_filename == "E09000028.csv"
    with open(download.path(), newline="", encoding="utf-8") as file:
        lines = list(csv.DictReader(file))
    assert [(line["period"], line["value"], line["status"]) for line in lines] == [
        ("2019/20", "24.90", "published"),
        ("2020/21", "", "suppressed"),
        ("2021/22", "26.05", "published"),
        ("2022/23", "27.30", "provisional"),
    ]
    assert {line["unit"] for line in lines} == {"%"}


def test_a_visitor_finds_where_need_is_greatest_and_every_areas_ranking(
    page: Page, live_server, riverside
):
    southwark_with_figures(riverside)
    poverty = make_indicator()
    observe(poverty, make_area("E09000022", "Lambeth"), 2022, "29.0")
    observe(poverty, make_area("E09000001", "City of London"), 2022, "5.2")
    make_indicator("life-expectancy", name="Life expectancy", better="higher")

    page.goto(f"{live_server.url}/outcomes/dashboard/")
    page.get_by_label("Rank areas by").select_option(label=poverty.name)
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("img", name=re.compile(poverty.name))).to_be_visible()
    need = page.get_by_role("region", name="Areas of greatest need with no group yet")
    expect(need.get_by_role("row").nth(1)).to_contain_text("Lambeth")
    mine = page.get_by_role("region", name="Areas where groups work, greatest need first")
    expect(mine.get_by_role("row").nth(1)).to_contain_text("Riverside")
    assert_accessible(page)
    screenshot(page, "outcomes-dashboard")

    page.get_by_role("link", name="Every area's figure").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(poverty.name)
    rows = page.get_by_role("table").get_by_role("row")
    expect(rows.nth(1)).to_contain_text("City of London")
    expect(rows.nth(3)).to_contain_text("Lambeth")
    assert_accessible(page)

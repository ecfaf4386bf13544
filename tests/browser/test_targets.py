"""In the browser: an organiser sets a target for Riverside's area ("children in low-income
families down 10% by 2028/29") towards an objective, and sees its progress on the group's page.
Every page visited is checked with axe-core."""

import re

import pytest
from playwright.sync_api import expect

from groundwork.outcomes.models import Target
from groundwork.outcomes.tests.factories import make_indicator, observe
from groundwork.outcomes.tests.targets_factories import children_in_southwark, southwark
from tests.browser.conftest import assert_accessible, screenshot, sign_in, visit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seeded_platform"),
]


def test_alice_sets_a_target_and_sees_its_progress_on_the_group_page(page, live_server, alice):
    children_in_southwark((2021, "10400"), (2022, "10000"))
    sign_in(page, live_server, alice, two_factor=True)
    visit(page, f"{live_server.url}/groups/riverside/")
    page.get_by_role("link", name="Set a target").click()
    expect(page.get_by_role("heading", name="Set a target")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Area").select_option(label="Southwark")
    page.get_by_label("Indicator").select_option(label="Children in relative low-income families")
    page.get_by_label("Objective of the platform").select_option(index=1)
    page.get_by_label("Change").select_option("down")
    page.get_by_label("Per cent").fill("10")
    page.get_by_label(re.compile(r"^By")).fill("2028/29")
    page.get_by_role("button", name="Set the target").click()
    expect(page.get_by_text("The target is set.")).to_be_visible()
    expect(page.get_by_text("down 10% to 9,000 by 2028/29")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "targets")
    assert Target.objects.get().baseline_period == "2022/23"

    observe(make_indicator(), southwark(), 2023, "9800")  # the next release, a year on
    visit(page, f"{live_server.url}/groups/riverside/")
    targets = page.get_by_role("region", name=re.compile("Targets of Riverside"))
    expect(targets.get_by_text("On track")).to_be_visible()
    expect(targets.get_by_text("20% of the way: 9,800 in 2023/24")).to_be_visible()
    expect(targets.get_by_role("progressbar")).to_have_attribute("value", "20")
    screenshot(page, "group-targets")

"""The pages that show targets ask a fixed number of queries at 1, 10 and 100 targets, each
target on an indicator of its own with a history of figures."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from conftest import client_for
from groundwork.aims.hooks import ROLLUP
from groundwork.groups.hooks import GROUP_PAGES
from groundwork.outcomes.models import Indicator, Observation, Target
from groundwork.outcomes.tests.factories import link_group, make_area
from groundwork.outcomes.tests.targets_factories import first_objective, southwark
from tests.test_query_counts import assert_fixed_queries

pytestmark = pytest.mark.django_db


def grow_targets(group, organiser, n: int) -> str:
    """Targets numbered up to n, each on its own indicator with five years of figures (the
    latest suppressed for every third), and the text the pages then show."""
    have = Target.objects.filter(group=group).count()
    area, objective = southwark(), first_objective()
    for number in range(have + 1, n + 1):
        indicator = Indicator.objects.create(
            slug=f"indicator-{number:03d}", name=f"Indicator {number:03d}", better="lower"
        )
        Observation.objects.bulk_create(
            Observation(
                indicator=indicator,
                area=area,
                period=f"{year}/{(year + 1) % 100:02d}",
                period_start=date(year, 4, 1),
                period_end=date(year + 1, 3, 31),
                value=None if year == 2024 and number % 3 == 0 else Decimal(1000 - year % 10),
                published="" if year == 2024 and number % 3 == 0 else str(1000 - year % 10),
                status="suppressed" if year == 2024 and number % 3 == 0 else "published",
            )
            for year in range(2020, 2025)
        )
        Target.objects.create(
            group=group,
            area=area,
            indicator=indicator,
            objective=objective,
            baseline_period="2020/21",
            baseline_value=Decimal(1000),
            target_value=Decimal(900),
            by_period="2028/29",
            by_date=date(2029, 3, 31),
            set_by=organiser,
        )
    return f"Indicator {n:03d} in Southwark"


@pytest.mark.parametrize(
    "page",
    ["outcomes:targets", "groups:detail", "aims:plan", "outcomes:target_create"],
)
def test_pages_with_targets_have_a_fixed_number_of_queries(riverside, alice, page):
    client = client_for(alice)
    url = reverse(page, args=["riverside"])

    def grow(n: int) -> str:
        text = grow_targets(riverside, alice, n)
        GROUP_PAGES.forget()  # the actions' invalidation waits for a commit the test never makes
        return f"Indicator {n:03d}" if page == "outcomes:target_create" else text

    assert_fixed_queries(client, url, grow)


def test_the_rollup_has_a_fixed_number_of_queries(riverside, alice, bob):
    def grow(n: int) -> str:
        grow_targets(riverside, alice, n)
        ROLLUP.forget()  # the actions' invalidation waits for a commit the test never makes
        return f"Targets: {n}"

    assert_fixed_queries(client_for(bob), reverse("aims:rollup"), grow)


def test_the_edit_page_has_a_fixed_number_of_queries(riverside, alice):
    grow_targets(riverside, alice, 1)
    url = reverse("outcomes:target_edit", args=["riverside", Target.objects.get().pk])
    assert_fixed_queries(
        client_for(alice), url, lambda n: grow_targets(riverside, alice, n) and "2028/29"
    )


def test_the_areas_page_has_a_fixed_number_of_queries_whatever_the_wards(riverside, alice):
    authority = southwark()
    url = reverse("outcomes:group_areas", args=["riverside"])

    def grow(n: int) -> str:
        have = authority.children.count()
        for number in range(have + 1, n + 1):
            ward = make_area(
                f"E05{number:06d}", f"Ward {number:03d}", level="ward", parent=authority
            )
            if number % 2:
                link_group(riverside, ward)
        return f"Ward {n:03d} (Ward)"

    assert_fixed_queries(client_for(alice), url, grow)

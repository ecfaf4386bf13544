"""The sections other apps add to a group's action plan (the targets), kept in the cache with the
group's page (aims.views._sections, `GROUP_PAGES`): each kind of change shows to its members and
organisers at the next request, each kind of reader sees what it may whoever came first, and a
kept copy spares the sections' queries."""

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import client_for
from groundwork.aims.actions import do_edit_plank
from groundwork.outcomes.actions import (
    check_delete_target,
    check_import_indicator,
    check_update_target,
)
from groundwork.outcomes.models import IndicatorImport
from groundwork.outcomes.parsing.records import ParsedFile, ParsedObservation
from groundwork.outcomes.tests.targets_factories import (
    CHILDREN_SPEC,
    SOUTHWARK,
    children_in_southwark,
    first_objective,
    set_target,
)

pytestmark = pytest.mark.django_db

PLAN = reverse("aims:plan", args=["riverside"])


def visit(client) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(PLAN)
    assert response.status_code == 200
    return response.content.decode(), len(context.captured_queries)


def targets(html: str) -> str:
    """The plan's targets section ("" when the page has none)."""
    found = re.search(r'<section aria-labelledby="plan-targets-heading".*?</section>', html, re.S)
    return found.group(0) if found else ""


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the block's on-commit callbacks, as the commit of a real request would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def shows(text: str) -> Callable[[str], bool]:
    return lambda html: text in html


def set_a_target(riverside, alice, admin):
    children_in_southwark((2022, "10000"))
    return lambda: set_target(riverside, alice), shows("down 10% to 9,000 by 2028/29")


def change_a_target(riverside, alice, admin):
    children_in_southwark((2022, "10000"))
    target = set_target(riverside, alice)
    act = lambda: check_update_target(  # noqa: E731
        target,
        acting_user=alice,
        objective=first_objective(),
        by_period="2028/29",
        change_percent=Decimal(-20),
    )
    return act, shows("down 20% to 8,000 by 2028/29")


def delete_a_target(riverside, alice, admin):
    children_in_southwark((2022, "10000"))
    target = set_target(riverside, alice)
    act = lambda: check_delete_target(target, acting_user=alice)  # noqa: E731
    return act, lambda html: "down 10% to 9,000" not in html


def import_new_figures(riverside, alice, admin):
    children_in_southwark((2022, "10000"))
    set_target(riverside, alice)
    figure = ParsedObservation(
        line=2,
        indicator="children",
        area_code=SOUTHWARK,
        area_name="Southwark",
        period="2025/26",
        period_start=date(2025, 4, 1),
        period_end=date(2026, 3, 31),
        published="9500",
        value=Decimal(9500),
        status="published",
        suppression="",
    )
    file = ParsedFile(
        format="statxplore", indicators=[CHILDREN_SPEC], observations=[figure], skipped=[]
    )
    release = IndicatorImport.objects.create(
        file_name="cilif.csv", sha256="0" * 64, format=file.format, dry_run=False
    )
    act = lambda: check_import_indicator(  # noqa: E731
        file, release=release, acting_user=None, dry_run=False
    )
    return act, shows("50% of the way")


def rename_an_objective(riverside, alice, admin):
    children_in_southwark((2022, "10000"))
    set_target(riverside, alice)
    objective = first_objective()
    values = {"title": "Homes fit to live in", "text": objective.text, "points": objective.points}
    act = lambda: do_edit_plank(objective, values=values, acting_user=admin)  # noqa: E731
    return act, shows("Homes fit to live in")


@pytest.mark.parametrize(
    "change",
    [set_a_target, change_a_target, delete_a_target, import_new_figures, rename_an_objective],
)
def test_each_kind_of_change_shows_in_the_plan_at_the_next_request(
    change, riverside, alice, bob, admin, committed
):
    act, changed = change(riverside, alice, admin)
    readers = [client_for(bob), client_for(alice)]
    for client in readers:
        assert not changed(targets(visit(client)[0]))  # kept from here on
    with committed():
        act()
    for client in readers:
        assert changed(targets(visit(client)[0]))


@pytest.mark.parametrize("first", ["alice", "bob"])
def test_each_kind_of_reader_sees_what_it_may_whoever_came_first(riverside, alice, bob, first):
    children_in_southwark((2022, "10000"))
    set_target(riverside, alice)
    readers = {"alice": client_for(alice), "bob": client_for(bob)}
    order = [first, *(who for who in readers if who != first)]
    seen = {who: targets(visit(readers[who])[0]) for who in order}
    assert all("down 10% to 9,000" in html for html in seen.values())
    assert "Set a target" in seen["alice"] and "Set a target" not in seen["bob"]


def test_a_member_is_served_the_kept_targets_without_their_query(riverside, alice, bob):
    children_in_southwark((2022, "10000"))
    set_target(riverside, alice)
    client = client_for(bob)
    first, built = visit(client)
    again, kept = visit(client)
    assert kept < built
    assert targets(again) == targets(first) and "down 10% to 9,000" in targets(again)

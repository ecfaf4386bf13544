"""A group's targets on its pages: the list, the forms, the group's page, its action plan and the
alliance's roll-up; the group's areas page."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from conftest import client_for
from groundwork.aims.models import ObjectiveAdoption
from groundwork.outcomes.models import GroupArea, Target
from groundwork.outcomes.tests.factories import make_area, make_indicator, observe
from groundwork.outcomes.tests.targets_factories import (
    children_in_southwark,
    first_objective,
    set_target,
    southwark,
)

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def halfway(riverside, alice):
    """Riverside aims for 9,000 from 10,000 (2022/23); 9,500 in 2025/26 is half the way."""
    children_in_southwark((2022, "10000"))
    target = set_target(riverside, alice)
    observe(make_indicator(), southwark(), 2025, "9500")
    return target


def test_anyone_reads_the_targets_with_accessible_progress(client, halfway):
    response = client.get(reverse("outcomes:targets", args=["riverside"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<progress max="100" value="50"' in html
    text = text_of(response)
    assert (
        "Children in relative low-income families in Southwark: down 10% to 9,000 by 2028/29"
        in text
    )
    assert "On track" in text and "50% of the way: 9,500 in 2025/26" in text
    assert "10,000 in 2022/23" in text
    assert "Set a target" not in text


def test_a_suppressed_latest_figure_shows_no_figure_not_zero(client, halfway):
    observe(make_indicator(), southwark(), 2026, None)
    text = text_of(client.get(reverse("outcomes:targets", args=["riverside"])))
    assert "No figure" in text and "The latest figure, for 2026/27, is suppressed." in text
    assert "0% of the way" not in text


def test_a_provisional_latest_figure_says_so(client, riverside, alice):
    children_in_southwark((2022, "10000"))
    set_target(riverside, alice)
    observe(make_indicator(), southwark(), 2023, "9800", status="provisional")
    assert "(provisional)" in text_of(client.get(reverse("outcomes:targets", args=["riverside"])))


def test_nothing_since_the_baseline_says_so(client, riverside, alice):
    children_in_southwark((2022, "10000"))
    set_target(riverside, alice)
    text = text_of(client.get(reverse("outcomes:targets", args=["riverside"])))
    assert "No new figure yet" in text and "Nothing published since the baseline (2022/23)" in text


def test_alice_sets_down_ten_percent_by_2028_29_through_the_form(riverside, alice):
    children_in_southwark((2022, "10000"))
    client = client_for(alice)
    url = reverse("outcomes:target_create", args=["riverside"])
    form = client.get(url)
    assert form.status_code == 200 and "Southwark" in form.content.decode()
    data = {
        "area": southwark().pk,
        "indicator": make_indicator().pk,
        "objective": first_objective().pk,
        "change": "down",
        "percent": "10",
        "by_period": "2028/29",
        "note": "Every child fed.",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    target = Target.objects.get()
    assert target.target_value == Decimal("9000") and target.note == "Every child fed."


def test_a_refused_target_keeps_the_input_and_says_why_by_the_field(riverside, alice):
    children_in_southwark((2022, "10000"))
    data = {
        "area": southwark().pk,
        "indicator": make_indicator().pk,
        "objective": first_objective().pk,
        "change": "up",
        "percent": "15",
        "by_period": "2028/29",
        "note": "Keep me.",
    }
    response = client_for(alice).post(reverse("outcomes:target_create", args=["riverside"]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Lower is better here: aim below the latest figure, 10000." in html
    assert 'value="15"' in html and "Keep me." in html and 'value="2028/29"' in html
    assert not Target.objects.exists()


def test_both_a_percent_and_a_figure_is_refused(riverside, alice):
    children_in_southwark((2022, "10000"))
    data: dict[str, object] = {"area": southwark().pk, "indicator": make_indicator().pk}
    data |= {"objective": first_objective().pk, "percent": "10", "target_value": "9000"}
    data |= {"by_period": "2028/29", "change": "down"}
    response = client_for(alice).post(reverse("outcomes:target_create", args=["riverside"]), data)
    assert response.status_code == 400
    assert "Give a change in per cent or a figure, not both." in response.content.decode()


def test_objectives_the_group_adopted_are_offered_first(riverside, alice):
    children_in_southwark((2022, "10000"))
    from groundwork.aims.models import Objective

    last = Objective.objects.order_by("-number").first()
    assert last is not None
    ObjectiveAdoption.objects.create(group=riverside, objective=last)
    html = client_for(alice).get(reverse("outcomes:target_create", args=["riverside"]))
    content = html.content.decode()
    assert content.index("In the group&#x27;s action plan") < content.index(last.title)
    assert content.index(last.title) < content.index("Other objectives of the platform")


def test_alice_changes_a_target_from_a_form_that_starts_from_it(halfway, alice):
    client = client_for(alice)
    url = reverse("outcomes:target_edit", args=["riverside", halfway.pk])
    html = client.get(url).content.decode()
    assert 'value="10"' in html and 'value="2028/29"' in html and "from 10,000 in 2022/23" in html
    data = {"objective": halfway.objective_id, "change": "down", "percent": "20"}
    response = client.post(url, data | {"by_period": "2029/30"})
    assert response.status_code == 302
    halfway.refresh_from_db()
    assert halfway.target_value == Decimal("8000") and halfway.by_period == "2029/30"


def test_deleting_asks_first_then_deletes(halfway, alice):
    client = client_for(alice)
    url = reverse("outcomes:target_delete", args=["riverside", halfway.pk])
    assert "Delete the target for" in client.get(url).content.decode()
    assert Target.objects.exists()
    assert client.post(url).status_code == 302
    assert not Target.objects.exists()


def test_a_target_of_another_group_is_missing_here(riverside, hillside, alice, halfway):
    halfway.group = hillside
    halfway.save()
    client = client_for(alice)
    for name in ("outcomes:target_edit", "outcomes:target_delete"):
        assert client.get(reverse(name, args=["riverside", halfway.pk])).status_code == 404
    assert (
        client.post(reverse("outcomes:target_delete", args=["riverside", halfway.pk])).status_code
        == 404
    )
    assert Target.objects.filter(pk=halfway.pk).exists()


def test_alice_chooses_the_groups_wards(riverside, alice):
    area = southwark()
    peckham = make_area("E05011095", "Peckham", level="ward", parent=area)
    client = client_for(alice)
    url = reverse("outcomes:group_areas", args=["riverside"])
    html = client.get(url).content.decode()
    assert "Peckham (Ward)" in html and "checked" in html
    assert client.post(url, {"areas": [area.pk, peckham.pk]}).status_code == 302
    assert set(GroupArea.objects.values_list("area_id", flat=True)) == {area.pk, peckham.pk}
    response = client.post(url, {})
    assert response.status_code == 400 and "Choose at least one area." in response.content.decode()


def test_the_areas_page_says_when_no_area_has_the_groups_code(riverside, alice):
    html = client_for(alice).get(reverse("outcomes:group_areas", args=["riverside"]))
    assert "No area has the group's ONS code, E09000028, yet" in html.content.decode()


def test_the_group_page_shows_progress_to_anyone(client, halfway):
    text = text_of(client.get(reverse("groups:detail", args=["riverside"])))
    assert "Targets" in text and "50% of the way: 9,500 in 2025/26" in text


def test_the_group_page_prompts_an_organiser_with_no_targets(riverside, alice, client):
    assert "Set a target" in text_of(client_for(alice).get(riverside.get_absolute_url()))
    assert "targets-heading" not in client.get(riverside.get_absolute_url()).content.decode()


def test_the_group_page_links_to_the_figures_of_its_area(riverside, client):
    southwark = make_area("E09000028", "Southwark")
    assert riverside.ons_code == southwark.gss_code
    html = client.get(riverside.get_absolute_url()).content.decode()
    assert '<a href="/outcomes/areas/E09000028/">Southwark</a>' in html


def test_the_action_plan_shows_each_targets_objective_and_progress(halfway, bob):
    text = text_of(client_for(bob).get(reverse("aims:plan", args=["riverside"])))
    objective = first_objective()
    assert f"{objective.number}. {objective.title}" in text
    assert "50% of the way" in text


def test_the_rollup_counts_targets_met_and_on_track(riverside, alice, bob):
    children_in_southwark((2022, "10000"))
    set_target(riverside, alice)
    set_target(riverside, alice, percent="-5")  # 9,500: met
    set_target(riverside, alice, percent="-50")  # a tenth of the way in half the time
    observe(make_indicator(), southwark(), 2025, "9500")
    text = text_of(client_for(bob).get(reverse("aims:rollup")))
    assert "Targets: 3, Targets met: 1, Targets on track: 1" in text


@pytest.mark.parametrize("name", ["outcomes:target_create", "outcomes:group_areas"])
def test_organising_riverside_opens_nothing_of_hillside(hillside, alice, carol, name):
    """Alice is an outsider to Hillside, and carol a plain member: 404 for both."""
    for person in (alice, carol):
        assert client_for(person).get(reverse(name, args=["hillside"])).status_code == 404


def test_a_refused_delete_changes_nothing(halfway, bob, carol):
    url = reverse("outcomes:target_delete", args=["riverside", halfway.pk])
    for person in (bob, carol):
        assert client_for(person).post(url).status_code == 404
    assert Target.objects.filter(pk=halfway.pk).exists()

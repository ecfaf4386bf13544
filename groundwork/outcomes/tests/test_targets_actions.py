"""Setting, changing and deleting targets, and choosing a group's areas (the actions)."""

from decimal import Decimal

import pytest

from groundwork.core.errors import ActionError
from groundwork.core.models import AuditEntry
from groundwork.outcomes import actions, queries
from groundwork.outcomes.models import GroupArea, Target
from groundwork.outcomes.tests.factories import make_area, make_indicator, observe
from groundwork.outcomes.tests.targets_factories import (
    children_in_southwark,
    first_objective,
    set_target,
    southwark,
)

pytestmark = pytest.mark.django_db


def test_the_baseline_is_the_latest_published_figure_with_its_period(riverside, alice):
    children_in_southwark((2021, "12000"), (2022, "10000"), (2023, None))
    target = set_target(riverside, alice, percent="-10")
    assert (target.baseline_period, target.baseline_value) == ("2022/23", Decimal("10000"))
    assert target.target_value == Decimal("9000")
    assert target.by_period == "2028/29" and target.by_date.isoformat() == "2029-03-31"


def test_a_figure_to_reach_is_taken_as_given(riverside, alice):
    children_in_southwark((2022, "10000"))
    target = set_target(riverside, alice, percent="", target_value=Decimal("8500"))
    assert target.target_value == Decimal("8500")


def test_setting_a_target_writes_one_audit_entry_with_the_group(riverside, alice):
    children_in_southwark((2022, "10000"))
    target = set_target(riverside, alice)
    entry = AuditEntry.objects.get(verb="target.set")
    assert entry.group_id == riverside.pk and entry.target_id == str(target.pk)
    assert entry.new["target_value"] == "9000" and entry.new["baseline_period"] == "2022/23"


def test_the_audit_log_names_a_target_by_its_figure_as_people_write_it(riverside, alice):
    children_in_southwark((2022, "12920"))
    target = set_target(riverside, alice, percent="-10")
    figure = "11,628 by 2028/29"  # the column keeps eight decimal places: not "11628.00000000"
    assert AuditEntry.objects.get(verb="target.set").target_label.endswith(figure)
    assert str(Target.objects.get(pk=target.pk)).endswith(figure)


def test_the_same_target_sent_twice_is_set_once(riverside, alice):
    children_in_southwark((2022, "10000"))
    assert set_target(riverside, alice) == set_target(riverside, alice)
    assert Target.objects.count() == 1 and AuditEntry.objects.filter(verb="target.set").count() == 1


def refusal(group, user, **fields) -> ActionError:
    with pytest.raises(ActionError) as caught:
        set_target(group, user, **fields)
    assert Target.objects.count() == 0
    return caught.value


def test_bob_may_not_set_a_target(riverside, bob):
    children_in_southwark((2022, "10000"))
    assert "organisers" in refusal(riverside, bob).message


def test_an_area_the_group_does_not_work_in_is_refused(riverside, alice):
    lambeth = make_area("E09000022", "Lambeth")
    observe(make_indicator(), lambeth, 2022, "9000")
    error = refusal(riverside, alice, area=lambeth)
    assert error.field == "area" and "areas the group works in" in error.message


def test_an_indicator_with_no_published_figure_there_is_refused(riverside, alice):
    children_in_southwark((2022, None))
    error = refusal(riverside, alice)
    assert error.field == "indicator" and "No figure is published" in error.message


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"by": "soon"}, "by_period", "financial year (2028/29)"),
        ({"by": "2021/22"}, "by_period", "after the latest figure's, 2022/23"),
        ({"percent": "10"}, "change_percent", "Lower is better"),
        ({"percent": "0"}, "change_percent", "must differ"),
        ({"percent": "-101"}, "change_percent", "more than 100%"),
        ({"percent": "", "target_value": Decimal("11000")}, "target_value", "Lower is better"),
        ({"percent": ""}, "change_percent", "either a change in per cent or a figure"),
    ],
)
def test_a_target_that_cannot_be_measured_is_refused_with_a_reason(
    riverside, alice, fields, field, words
):
    children_in_southwark((2022, "10000"))
    error = refusal(riverside, alice, **fields)
    assert error.field == field and words in error.message


def test_a_higher_is_better_indicator_wants_a_rise(riverside, alice):
    employment = make_indicator("employment-rate", name="Employment rate", better="higher")
    observe(employment, southwark(), 2022, "70.5")
    assert set_target(riverside, alice, indicator=employment, percent="2").target_value == Decimal(
        "71.91"
    )
    assert "Higher is better" in refusal_for(riverside, alice, employment, "-2")


def refusal_for(group, user, indicator, percent) -> str:
    with pytest.raises(ActionError) as caught:
        set_target(group, user, indicator=indicator, percent=percent)
    return caught.value.message


def test_changing_a_target_keeps_its_baseline_and_audits_the_change(riverside, alice):
    children_in_southwark((2022, "10000"))
    target = set_target(riverside, alice)
    observe(make_indicator(), southwark(), 2023, "9500")
    actions.check_update_target(
        target,
        acting_user=alice,
        objective=target.objective,
        by_period="2029/30",
        change_percent=Decimal("-20"),
        note="Ambition.",
    )
    target.refresh_from_db()
    assert target.baseline_value == Decimal("10000") and target.target_value == Decimal("8000")
    entry = AuditEntry.objects.get(verb="target.changed")
    assert entry.old == {"target_value": "9000", "by_period": "2028/29", "note": ""}
    assert entry.new["target_value"] == "8000" and entry.group_id == riverside.pk


def test_saving_an_unchanged_target_records_nothing(riverside, alice):
    children_in_southwark((2022, "10000"))
    target = set_target(riverside, alice)
    actions.check_update_target(
        target,
        acting_user=alice,
        objective=target.objective,
        by_period="2028/29",
        target_value=Decimal("9000"),
    )
    assert not AuditEntry.objects.filter(verb="target.changed").exists()


def test_deleting_a_target_keeps_what_it_aimed_at_in_the_audit_log(riverside, alice, bob):
    children_in_southwark((2022, "10000"))
    target = set_target(riverside, alice)
    with pytest.raises(ActionError):
        actions.check_delete_target(target, acting_user=bob)
    actions.check_delete_target(target, acting_user=alice)
    assert not Target.objects.exists()
    entry = AuditEntry.objects.get(verb="target.deleted")
    assert entry.old["target_value"] == "9000" and entry.group_id == riverside.pk


def test_a_group_works_in_its_ons_code_area_until_its_organisers_choose(riverside, alice):
    area = southwark()
    ward = make_area("E05011095", "Peckham", level="ward", parent=area)
    make_area("E05011096", "Elsewhere", level="ward", parent=make_area("E09000022", "Lambeth"))
    assert queries.areas_of(riverside) == [area]
    assert list(queries.area_choices_for(riverside)) == [area, ward]
    actions.check_choose_group_areas(riverside, areas=[ward], acting_user=alice)
    assert queries.areas_of(riverside) == [ward]
    entry = AuditEntry.objects.get(verb="group.areas_chosen")
    assert entry.old == {"areas": []} and entry.new == {"areas": ["E05011095"]}


def test_an_area_outside_the_groups_authority_cannot_be_chosen(riverside, alice):
    southwark()
    lambeth = make_area("E09000022", "Lambeth")
    with pytest.raises(ActionError, match="among the areas listed"):
        actions.check_choose_group_areas(riverside, areas=[lambeth], acting_user=alice)
    with pytest.raises(ActionError, match="at least one"):
        actions.check_choose_group_areas(riverside, areas=[], acting_user=alice)
    assert not GroupArea.objects.exists()


def test_an_area_with_targets_stays_chosen(riverside, alice):
    children_in_southwark((2022, "10000"))
    set_target(riverside, alice)
    ward = make_area("E05011095", "Peckham", level="ward", parent=southwark())
    with pytest.raises(ActionError, match="targets in Southwark"):
        actions.check_choose_group_areas(riverside, areas=[ward], acting_user=alice)


def test_bob_may_not_choose_the_groups_areas(riverside, bob):
    with pytest.raises(ActionError, match="organisers"):
        actions.check_choose_group_areas(riverside, areas=[southwark()], acting_user=bob)


def test_the_objective_may_be_any_objective_of_the_platform(riverside, alice):
    children_in_southwark((2022, "10000"))
    assert set_target(riverside, alice).objective == first_objective()

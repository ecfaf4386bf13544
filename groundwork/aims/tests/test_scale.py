"""The action plans aims adds to the national-scale dataset, run small."""

import pytest

from groundwork.aims.models import ObjectiveAdoption, Task
from groundwork.aims.queries import rollup
from groundwork.aims.reactions import add_scale_plans
from groundwork.groups.hooks import scale_generated
from groundwork.groups.tests.factories import GroupFactory

pytestmark = pytest.mark.django_db


def test_every_group_gets_a_plan_and_the_rollup_counts_them_all():
    groups = [GroupFactory() for _ in range(5)]
    bars = []
    made = add_scale_plans(
        sender=None,
        group_ids=[group.pk for group in groups],
        options={"seed": 1},
        progress=lambda label, done, total: bars.append((label, done, total)),
    )
    assert made == Task.objects.count() > 0
    assert bars[-1] == ("action plans", made, made)
    adopted = set(ObjectiveAdoption.objects.values_list("group_id", flat=True))
    assert adopted == {group.pk for group in groups}
    progress = rollup()
    assert sum(item.tasks_total for item in progress) == made
    assert sum(item.tasks_done for item in progress) == Task.objects.filter(status="done").count()
    assert sum(item.groups for item in progress) == ObjectiveAdoption.objects.count()


def test_the_receiver_is_connected():
    group = GroupFactory()
    responses = scale_generated.send(
        sender=None, group_ids=[group.pk], user_ids=[], options={}, progress=lambda *args: None
    )
    assert any(receiver is add_scale_plans for receiver, _ in responses)

"""The action plans the national-scale dataset gives every group, run small."""

import pytest

from groundwork.aims.models import ObjectiveAdoption, Task
from groundwork.aims.queries import rollup
from groundwork.demo.scale.aims import add_scale_plans
from groundwork.groups.tests.factories import GroupFactory

pytestmark = pytest.mark.django_db


def test_every_group_gets_a_plan_and_the_rollup_counts_them_all():
    groups = [GroupFactory() for _ in range(5)]
    bars = []
    made = add_scale_plans(
        group_ids=[group.pk for group in groups],
        seed=1,
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

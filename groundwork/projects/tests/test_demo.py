"""The demo alliance comes with action plans, projects, a rota and partners."""

import pytest

from groundwork.aims.models import ObjectiveAdoption, PlatformAdoption, Task
from groundwork.groups.demo import load_demo
from groundwork.projects.models import FormationStep, Partner, Project, Shift


@pytest.mark.django_db
def test_the_demo_loads_plans_and_projects():
    load_demo()
    assert ObjectiveAdoption.objects.count() == 4 and Task.objects.filter(status="done").exists()
    assert PlatformAdoption.objects.count() >= 7
    assert set(Project.objects.values_list("kind", flat=True)) == {
        "mutual_aid",
        "cooperative",
        "culture",
    }
    assert Shift.objects.count() == 3 and Partner.objects.count() == 2
    assert FormationStep.objects.exclude(done_at=None).count() == 2

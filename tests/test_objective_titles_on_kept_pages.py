"""An event's and a campaign's kept pages name the objectives they work towards: a new version
of an objective shows on them at the next request (aims' `platform_edited` hook), not ten
minutes later when the kept copy runs out."""

import pytest

from groundwork.aims.actions import do_edit_plank
from groundwork.aims.tests.factories import objective
from groundwork.campaigns.hooks import CAMPAIGN_PAGES
from groundwork.campaigns.tests.factories import start_campaign
from groundwork.events.tests.factories import plan_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the block's on-commit callbacks, as the commit of a real request would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def rename_objective(number: int, title: str, admin) -> None:
    plank = objective(number)
    values = {"title": title, "text": plank.text, "points": plank.points}
    do_edit_plank(plank, values=values, acting_user=admin)


def test_a_renamed_objective_shows_on_a_kept_event_page(riverside, alice, admin, anon, committed):
    event = plan_event(riverside, alice, title="Street stall")
    event.objectives.add(objective(1))
    url = event.get_absolute_url()
    assert objective(1).title in anon.get(url).content.decode()  # now kept
    with committed():
        rename_objective(1, "Homes for everyone who needs one", admin)
    assert "Homes for everyone who needs one" in anon.get(url).content.decode()


def test_a_renamed_objective_shows_on_a_kept_campaign_page(riverside, admin, anon, committed):
    campaign = start_campaign(riverside)
    campaign.objectives.add(objective(2))
    CAMPAIGN_PAGES.forget(campaign.pk)  # linked by hand here, not by the action that renews it
    url = campaign.get_absolute_url()
    assert objective(2).title in anon.get(url).content.decode()  # now kept
    with committed():
        rename_objective(2, "Public health before private profit", admin)
    assert "Public health before private profit" in anon.get(url).content.decode()

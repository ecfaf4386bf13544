"""A campaign's milestones and wins."""

from django.db import transaction

from groundwork.campaigns.hooks import campaign_page_changed
from groundwork.campaigns.models import Campaign, Milestone
from groundwork.core.audit import record
from groundwork.members.hooks import landing_changed
from groundwork.members.models import User


@transaction.atomic
def do_add_milestone(campaign: Campaign, *, values: dict, acting_user: User) -> Milestone:
    """Record a milestone or a win of the campaign."""
    milestone = Milestone.objects.create(campaign=campaign, **values)
    landing_changed()  # recent wins, on the first page
    campaign_page_changed(campaign.pk)
    record(
        actor=acting_user,
        verb="campaign.win_recorded" if milestone.is_win else "campaign.milestone_recorded",
        target=milestone,
        group_id=campaign.group_id,
        new={"title": milestone.title, "happened_on": str(milestone.happened_on)},
    )
    return milestone

"""News of a campaign, posted by its organisers."""

from django.db import transaction

from groundwork.campaigns.hooks import campaign_page_changed
from groundwork.campaigns.models import Campaign, CampaignUpdate
from groundwork.core.audit import record
from groundwork.members.models import User


@transaction.atomic
def do_post_update(
    campaign: Campaign, *, title: str, body: str, acting_user: User
) -> CampaignUpdate:
    """Publish news of the campaign (markdown, sanitised when shown)."""
    update = CampaignUpdate.objects.create(
        campaign=campaign, author=acting_user, title=title, body=body
    )
    campaign_page_changed(campaign.pk)
    record(
        actor=acting_user,
        verb="campaign.update_posted",
        target=update,
        group_id=campaign.group_id,
        new={"title": title},
    )
    return update

"""Starting a campaign and changing its details, status and objectives."""

from collections.abc import Iterable

from django.db import transaction

from groundwork.aims.hooks import rollup_changed
from groundwork.aims.models import Objective
from groundwork.campaigns.hooks import campaign_page_changed
from groundwork.campaigns.models import Campaign
from groundwork.core.audit import changes, record, values_of
from groundwork.groups.hooks import group_page_changed
from groundwork.groups.models import Group
from groundwork.members.hooks import landing_changed
from groundwork.members.models import User

CAMPAIGN_FIELDS = ["title", "summary", "description", "demands", "status"]


def _campaign_values(campaign: Campaign) -> dict:
    numbers = sorted(campaign.objectives.values_list("number", flat=True))
    return values_of(campaign, CAMPAIGN_FIELDS) | {"objectives": numbers}


@transaction.atomic
def do_create_campaign(
    *,
    group: Group | None,
    values: dict,
    objectives: Iterable[Objective] = (),
    acting_user: User,
) -> Campaign:
    """Start a campaign of `group` (None: of the alliance) from validated values, working
    towards `objectives` of the platform."""
    rollup_changed()  # what the alliance's roll-up counts may have changed
    group_page_changed(group.pk if group else None)  # its live campaigns
    landing_changed()  # campaigns under way, on the first page
    campaign = Campaign.objects.create(group=group, created_by=acting_user, **values)
    campaign.objectives.set(list(objectives))
    record(
        actor=acting_user,
        verb="campaign.created",
        target=campaign,
        group_id=campaign.group_id,
        new=_campaign_values(campaign),
    )
    return campaign


@transaction.atomic
def do_update_campaign(
    campaign: Campaign,
    *,
    values: dict,
    objectives: Iterable[Objective] | None = None,
    acting_user: User,
) -> Campaign:
    """Change a campaign's details, status or objectives (None: leave them); the audit entry
    keeps only what changed."""
    rollup_changed()  # what the alliance's roll-up counts may have changed
    group_page_changed(campaign.group_id)  # its live campaigns
    landing_changed()  # campaigns under way, on the first page
    campaign_page_changed(campaign.pk)
    old = _campaign_values(campaign)
    for field, value in values.items():
        setattr(campaign, field, value)
    campaign.save()
    if objectives is not None:
        campaign.objectives.set(list(objectives))
    old, new = changes(old, _campaign_values(campaign))
    record(
        actor=acting_user,
        verb="campaign.updated",
        target=campaign,
        group_id=campaign.group_id,
        old=old,
        new=new,
    )
    return campaign

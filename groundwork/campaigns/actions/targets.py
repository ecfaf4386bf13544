"""A campaign's targets: the people and bodies its demands and letters are addressed to."""

from django.db import transaction

from groundwork.campaigns.hooks import campaign_page_changed
from groundwork.campaigns.models import Campaign, Target
from groundwork.core.audit import changes, record, values_of
from groundwork.members.models import User

TARGET_FIELDS = ["kind", "name", "role", "email", "ons_codes", "postcode_districts"]


@transaction.atomic
def do_save_target(
    campaign: Campaign, *, target: Target | None, values: dict, acting_user: User
) -> Target:
    """Add a target to the campaign, or change one of its targets."""
    old = values_of(target, TARGET_FIELDS) if target else {}
    target = target or Target(campaign=campaign)
    for field, value in values.items():
        setattr(target, field, value)
    target.save()
    campaign_page_changed(campaign.pk)  # "who we are asking"
    old, new = changes(old, values_of(target, TARGET_FIELDS))
    record(
        actor=acting_user,
        verb="campaign.target_saved",
        target=target,
        group_id=campaign.group_id,
        old=old,
        new=new,
    )
    return target


@transaction.atomic
def do_remove_target(target: Target, *, acting_user: User) -> None:
    """Remove a target; petitions addressed to it keep their signatures."""
    record(
        actor=acting_user,
        verb="campaign.target_removed",
        target=target,
        group_id=target.campaign.group_id,
        old=values_of(target, TARGET_FIELDS),
    )
    campaign_page_changed(target.campaign_id)
    target.delete()

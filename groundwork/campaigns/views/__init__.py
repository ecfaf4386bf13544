"""Campaign pages: lists, the public campaign and petition pages, organisers' pages, letters."""

from groundwork.campaigns.views.campaigns import (
    alliance_campaign_create,
    campaign_edit,
    campaign_list,
    detail,
    group_campaign_create,
    group_campaigns,
    manage,
    milestone_add,
    target_add,
    target_edit,
    target_remove,
    update_add,
)
from groundwork.campaigns.views.letters import letter, letter_template
from groundwork.campaigns.views.petitions import (
    delivery_sheet,
    petition,
    petition_create,
    petition_edit,
    sign,
    signatures_csv,
    signed,
    verify,
)

__all__ = [
    "alliance_campaign_create",
    "campaign_edit",
    "campaign_list",
    "delivery_sheet",
    "detail",
    "group_campaign_create",
    "group_campaigns",
    "letter",
    "letter_template",
    "manage",
    "milestone_add",
    "petition",
    "petition_create",
    "petition_edit",
    "sign",
    "signatures_csv",
    "signed",
    "target_add",
    "target_edit",
    "target_remove",
    "update_add",
    "verify",
]

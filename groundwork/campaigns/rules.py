"""Who may see and run campaigns (django-rules). Each list-limiting rule has a twin in queries.py.

A campaign past planning is public. While it is being planned, only its scope sees it: the group's
members, or for an alliance campaign any member of the alliance. Organisers of the group (the
coordinators for the alliance) run it, with two-factor authentication; they alone see signatures.
"""

import rules

from groundwork.campaigns.models import Campaign, Petition
from groundwork.groups.rules import organises_group_or_alliance, organises_scope, roles_of


def in_scope(user, group_id: int | None) -> bool:
    """A member of the group, or of any group when the campaign is the alliance's."""
    roles = roles_of(user)
    return bool(roles) if group_id is None else group_id in roles


def _campaign_of(subject) -> Campaign:
    return subject.campaign if isinstance(subject, Petition) else subject


@rules.predicate
def can_see_campaign(user, subject) -> bool:
    campaign = _campaign_of(subject)
    return campaign.is_public or in_scope(user, campaign.group_id)


@rules.predicate
def organises_campaign(user, subject) -> bool:
    return organises_scope(user, _campaign_of(subject).group_id)


@rules.predicate
def petition_is_open(user, petition: Petition) -> bool:
    return petition.is_open and petition.campaign.status == Campaign.Status.ACTIVE


@rules.predicate
def letters_are_open(user, campaign: Campaign) -> bool:
    template = getattr(campaign, "letter_template", None)
    return campaign.status == Campaign.Status.ACTIVE and template is not None and template.is_open


rules.add_perm("campaigns.see_campaign", can_see_campaign)
# For starting one, the group is a Group, or None for the alliance.
rules.add_perm("campaigns.start_campaign", organises_group_or_alliance)
rules.add_perm("campaigns.organise_campaign", organises_campaign)
rules.add_perm("campaigns.see_petition", can_see_campaign)
rules.add_perm("campaigns.sign_petition", can_see_campaign & petition_is_open)
# The signers' names and emails: organisers of the campaign with two-factor, nobody else.
rules.add_perm("campaigns.view_signature", organises_campaign)
rules.add_perm(
    "campaigns.send_letter", rules.is_authenticated & can_see_campaign & letters_are_open
)

"""Named hooks of the campaigns app, for apps further right to connect to (see STYLE.md).

`campaign_sections`: each app that has something to show on a campaign's page registers a
function `section(request, campaign) -> (template name, context) | None` with
`add_campaign_section`, from its `reactions.py`. The page shows the sections after "Who we are
asking", in the order the apps are installed. A section asks a fixed number of queries.

`letter_target_finders`: each app that can tell who represents a postcode registers a function
`finder(targets, *, postcode, district) -> FoundRecipients | None` with
`add_letter_target_finder`, from its `reactions.py`. It is given the campaign's targets of a kind
found from the writer's postcode (`Target.FOUND_FROM_POSTCODE`), the whole postcode the writer
gave ("" if they gave only its district) and its district; it answers None when none of the
targets is of a kind it knows, else who the letter can go to. A finder asks a fixed number of
queries, and never reads the letter.

`CAMPAIGN_PAGES` keeps what a signed-out visitor sees of a campaign's own page, per campaign
(`views.campaigns.page_parts`); the campaigns actions that change it call
`campaign_page_changed(campaign_id)`. The sections other apps add are not kept: they are drawn
at each request, so those apps need not know of it.

`signature_counted` is sent inside the action that counted a signature on a petition (its email
verified by the link, or signed by a member whose account already proved it), in its transaction,
once per signature. Arguments: `signature` (Signature, `verified_at` set), `petition` (Petition,
its `campaign` loaded, `signature_count` as it was before this one). A receiver that tells
something outside the platform does so on commit, and never passes on the signer's email.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.dispatch import Signal
from django.http import HttpRequest

from groundwork.campaigns.models import Target
from groundwork.core.fragments import Fragment

signature_counted = Signal()

# A new version of an objective renews every campaign's page (`reactions.renew_campaign_pages`).
# Ten minutes bound a change made outside the actions (the admin).
CAMPAIGN_PAGES = Fragment("campaigns:page", timeout=600)


def campaign_page_changed(campaign_id: int) -> None:
    """What a signed-out visitor sees on campaign `campaign_id`'s page may have changed: the next
    request after the commit builds it afresh."""
    CAMPAIGN_PAGES.invalidate(campaign_id)


CampaignSection = Callable[[HttpRequest, Any], tuple[str, dict[str, Any]] | None]
campaign_sections: list[CampaignSection] = []


def add_campaign_section(section: CampaignSection) -> CampaignSection:
    """Register a section of a campaign's page (once, however often it is imported)."""
    if section not in campaign_sections:
        campaign_sections.append(section)
    return section


@dataclass(frozen=True)
class LetterRecipient:
    """Someone a letter to `target` can go to, found from the writer's postcode."""

    target: Target
    key: str  # what the writer's choice is posted back as; unique within one answer
    name: str  # whom the letter greets ("Dear …")
    email: str  # the address they publish, where the letter goes
    description: str  # what the writer reads beside the name ("MP for St Albans, Labour")


@dataclass(frozen=True)
class FoundRecipients:
    """Who a finder found for a postcode: `known` is False when its directory does not know
    the postcode; `several_areas` when only the district was given and it spans several wards
    or constituencies, so the writer must choose; `unreachable` names the representatives found
    who publish no email address."""

    recipients: list[LetterRecipient] = field(default_factory=list)
    known: bool = True
    several_areas: bool = False
    unreachable: list[str] = field(default_factory=list)


LetterTargetFinder = Callable[..., FoundRecipients | None]
letter_target_finders: list[LetterTargetFinder] = []


def add_letter_target_finder(finder: LetterTargetFinder) -> LetterTargetFinder:
    """Register a finder of letter recipients from a postcode (once, however often imported)."""
    if finder not in letter_target_finders:
        letter_target_finders.append(finder)
    return finder

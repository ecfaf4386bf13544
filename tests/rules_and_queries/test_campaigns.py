"""campaigns: the campaign lists, signatures and letter counts agree with their rules."""

import pytest

from groundwork.campaigns import queries
from groundwork.campaigns.models import Campaign, LetterSent, Signature
from groundwork.campaigns.tests.factories import add_target, open_petition, sign, sign_and_verify
from tests.rules_and_queries.conftest import IN_A_GROUP, MEMBERS, ORGANISING, PEOPLE, as_asked

pytestmark = pytest.mark.django_db

SCOPES = ["riverside", "hillside", "alliance"]
# Who sees a campaign in planning, by hand: its group's members; for an alliance campaign, members
# of any group. Coordinators in no group do not, though they run the alliance's campaigns (see the
# report of issue #10); once past planning a campaign is public.
SEES_PLANNING = MEMBERS | {"alliance": IN_A_GROUP}


@pytest.fixture
def campaigns(people, riverside, hillside):
    """A campaign of every status in each scope; on each active one a petition with a verified
    and an unverified signature, and a letter sent to its target."""
    found = {}
    for scope, group in (("riverside", riverside), ("hillside", hillside), ("alliance", None)):
        for status in Campaign.Status.values:
            campaign = Campaign.objects.create(
                group=group, title=f"{scope} {status}", summary="…", demands="…", status=status
            )
            found[scope, status] = campaign
        active = found[scope, Campaign.Status.ACTIVE]
        target = add_target(active)
        petition = open_petition(active, target=target)
        sign_and_verify(petition, "verified@example.net")
        sign(petition, "unverified@example.net")
        LetterSent.objects.create(
            campaign=active, target=target, sender=people["dan"], postcode_district="SE15"
        )
    return found


def expected_campaigns(campaigns, who, scopes=SCOPES):
    return {
        campaign
        for (scope, status), campaign in campaigns.items()
        if scope in scopes and (status != Campaign.Status.PLANNING or who in SEES_PLANNING[scope])
    }


def test_campaigns_visible_to_agrees_with_see_campaign(people, campaigns, riverside):
    for who in PEOPLE:
        user = as_asked(people[who])
        by_rule = {c for c in campaigns.values() if user.has_perm("campaigns.see_campaign", c)}
        shown = set(queries.campaigns_visible_to(user))
        assert shown == by_rule == expected_campaigns(campaigns, who), who
        of_riverside = set(queries.campaigns_visible_to(user, riverside))
        assert of_riverside == expected_campaigns(campaigns, who, ["riverside"]), who
        of_the_alliance = set(queries.campaigns_visible_to(user, alliance_only=True))
        assert of_the_alliance == expected_campaigns(campaigns, who, ["alliance"]), who


def test_signatures_visible_to_agrees_with_view_signature(people, campaigns):
    """Signers' names and emails: the verified ones, to the campaign's organisers with two-factor."""
    for who in PEOPLE:
        user = as_asked(people[who])
        for scope in SCOPES:
            petition = campaigns[scope, Campaign.Status.ACTIVE].petitions.get()
            verified = set(Signature.objects.filter(petition=petition, verified_at__isnull=False))
            assert verified and Signature.objects.filter(petition=petition, verified_at=None)
            allowed = user.has_perm("campaigns.view_signature", petition)
            assert allowed == (who in ORGANISING[scope]), (who, scope)
            shown = set(queries.signatures_visible_to(user, petition))
            assert shown == (verified if allowed else set()), (who, scope)


def test_letters_sent_by_target_agrees_with_organise_campaign(people, campaigns):
    for who in PEOPLE:
        user = as_asked(people[who])
        for scope in SCOPES:
            campaign = campaigns[scope, Campaign.Status.ACTIVE]
            allowed = user.has_perm("campaigns.organise_campaign", campaign)
            assert allowed == (who in ORGANISING[scope]), (who, scope)
            counted = queries.letters_sent_by_target(user, campaign)
            expected = [{"target__name": "Southwark Council", "count": 1}] if allowed else []
            assert counted == expected, (who, scope)

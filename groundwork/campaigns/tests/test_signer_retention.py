"""A signer without an account is forgotten a year after signing, once the petition is over:
their name and email go, their signature still counts (docs/retention.md, issue #16)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from groundwork.campaigns.actions import do_forget_signers_of_finished_petitions
from groundwork.campaigns.models import Campaign, Petition, Signature
from groundwork.campaigns.tests.factories import open_petition, sign_and_verify, start_campaign
from groundwork.core.tasks import apply_retention

pytestmark = pytest.mark.django_db


def signed_ago(signature: Signature, days: int) -> Signature:
    Signature.objects.filter(pk=signature.pk).update(
        verified_at=timezone.now() - timedelta(days=days)
    )
    return signature


@pytest.fixture
def petitions(riverside):
    closed = open_petition(start_campaign(riverside, title="Library"), title="Keep it open")
    won = open_petition(start_campaign(riverside, title="Baths"), title="Save the baths")
    still_open = open_petition(start_campaign(riverside, title="Buses"), title="Run the 12")
    return closed, won, still_open


def test_a_year_after_a_petition_ends_strangers_are_forgotten_and_still_counted(petitions, bob):
    closed, won, still_open = petitions
    old = [
        signed_ago(sign_and_verify(closed, "ann@example.net"), 400),
        signed_ago(sign_and_verify(closed, "ben@example.net"), 400),
        signed_ago(sign_and_verify(won, "cat@example.net"), 400),
    ]
    kept = [
        signed_ago(sign_and_verify(closed, "dee@example.net"), 300),  # not a year yet
        signed_ago(sign_and_verify(still_open, "eve@example.net"), 400),  # still campaigning
        signed_ago(sign_and_verify(closed, bob.email), 400),  # Bob's own, to erase as he wishes
    ]
    Petition.objects.filter(pk=closed.pk).update(status=Petition.Status.CLOSED)
    Campaign.objects.filter(pk=won.campaign_id).update(status=Campaign.Status.WON)
    counts = {p.pk: p.signature_count for p in Petition.objects.all()}

    apply_retention.call()

    for signature in old:
        signature.refresh_from_db()
        assert signature.name == "" and signature.email.endswith("@erased.invalid")
        assert signature.verified_at is not None and signature.postcode_district == "SE15"
    for signature in kept:
        before = signature.email
        signature.refresh_from_db()
        assert signature.email == before and signature.name == "Sam Signer"
    assert {p.pk: p.signature_count for p in Petition.objects.all()} == counts
    # Run again: nothing more to forget.
    assert do_forget_signers_of_finished_petitions(timezone.now()) == 0

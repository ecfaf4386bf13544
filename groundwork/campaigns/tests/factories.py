"""Campaigns, targets and petitions with domain verbs, for the tests."""

from datetime import timedelta

from django.utils import timezone

from groundwork.campaigns import actions
from groundwork.campaigns.models import Campaign, LetterTemplate, Petition, Signature, Target


def start_campaign(group, *, status=Campaign.Status.ACTIVE, title="Save the library") -> Campaign:
    return Campaign.objects.create(
        group=group,
        title=title,
        summary="Keep our library open.",
        demands="Keep the library open\nKeep its staff",
        status=status,
    )


def add_target(
    campaign, *, name="Southwark Council", email="council@example.gov.uk", **area
) -> Target:
    return Target.objects.create(campaign=campaign, name=name, email=email, **area)


def open_petition(campaign, **fields) -> Petition:
    return Petition.objects.create(
        campaign=campaign,
        title=fields.pop("title", "Keep it open"),
        statement="Keep it **open**.",
        **fields,
    )


def offer_letter(campaign) -> LetterTemplate:
    return LetterTemplate.objects.create(
        campaign=campaign, subject="Keep the library", body="Please keep the library open."
    )


def sign(petition, email="signer@example.net", *, name="Sam Signer", district="SE15") -> Signature:
    actions.check_sign_petition(
        petition, name=name, email=email, postcode_district=district, client_key=None
    )
    return Signature.objects.get(petition=petition, email=email.strip().lower())


def sign_and_verify(petition, email="signer@example.net", **kwargs) -> Signature:
    signature = sign(petition, email, **kwargs)
    actions.check_verify_signature(signature)
    signature.refresh_from_db()
    return signature


def fast_forward_past_expiry(signature) -> None:
    Signature.objects.filter(pk=signature.pk).update(
        created_at=timezone.now() - timedelta(days=actions.SIGNATURE_VERIFICATION_DAYS + 1)
    )


def build_matrix_campaigns(riverside) -> dict:
    """For the permission matrix: Riverside's active campaign with a target, a letter, a petition
    and one unverified signature (whose token the verification page takes)."""
    campaign = start_campaign(riverside)
    target = add_target(campaign, postcode_districts="SE15")
    offer_letter(campaign)
    petition = open_petition(campaign, target=target)
    signature = Signature.objects.create(
        petition=petition, name="Sam", email="sam@example.net", postcode_district="SE15"
    )
    return {"campaign": campaign, "target": target, "petition": petition, "signature": signature}

"""Petitions and their signatures: signing, verifying by email, forgetting unverified ones, exports.

Signers' names and emails never reach the audit log: entries carry ids and counts only.
"""

from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import CharField, Exists, F, OuterRef, Q, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.campaigns.hooks import campaign_page_changed, signature_counted
from groundwork.campaigns.models import Campaign, Petition, Signature
from groundwork.core.audit import changes, record, values_of
from groundwork.core.email import enqueue_templated_email
from groundwork.core.errors import ActionError
from groundwork.core.rate_limits import count_attempt
from groundwork.members.hooks import landing_changed
from groundwork.members.models import User

# An unverified signature is forgotten after this long; its link stops working.
SIGNATURE_VERIFICATION_DAYS = 7
# Signing again resends the link, but not more often than this (no mail-bombing through us).
RESEND_AFTER = timedelta(minutes=10)

PETITION_FIELDS = ["title", "statement", "target", "goal", "status"]


@transaction.atomic
def do_save_petition(
    campaign: Campaign, *, petition: Petition | None, values: dict, acting_user: User
) -> Petition:
    """Start a petition of the campaign, or change (or close) one."""
    old = values_of(petition, PETITION_FIELDS) if petition else {}
    petition = petition or Petition(campaign=campaign)
    landing_changed()  # petitions you can sign, on the first page
    campaign_page_changed(petition.campaign_id)
    for field, value in values.items():
        setattr(petition, field, value)
    petition.save()
    old, new = changes(old, values_of(petition, PETITION_FIELDS))
    new.pop("statement", None)
    old.pop("statement", None)
    record(
        actor=acting_user,
        verb="petition.saved",
        target=petition,
        group_id=campaign.group_id,
        old=old,
        new=new,
    )
    return petition


class Signed(StrEnum):
    """What became of a request to sign; the page says the same for every case (privacy)."""

    NEW = "new"
    RESENT = "resent"
    UNCHANGED = "unchanged"


def normalise_email(email: str) -> str:
    return email.strip().lower()


def signature_expired(signature: Signature, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return signature.verified_at is None and signature.created_at < now - timedelta(
        days=SIGNATURE_VERIFICATION_DAYS
    )


def signature_expires_at(signature: Signature) -> datetime:
    """When an unverified signature's link stops working and the signature is forgotten."""
    return signature.created_at + timedelta(days=SIGNATURE_VERIFICATION_DAYS)


def _forget_when_expired(signature: Signature) -> None:
    """Once the signing commits, a job forgets the signature at its link's expiry unless it
    was verified by then (the periodic prune_unverified_signatures stays as a sweep)."""
    from groundwork.campaigns.tasks import schedule_forgetting

    signature_id, expires_at = signature.pk, signature_expires_at(signature)
    transaction.on_commit(lambda: schedule_forgetting(signature_id, expires_at))


def _send_verification(signature: Signature, petition: Petition) -> None:
    enqueue_templated_email(
        to=[signature.email],
        template="campaigns/email/verify_signature",
        context={
            "petition": petition,
            "name": signature.name,
            "days": SIGNATURE_VERIFICATION_DAYS,
            "url": settings.SITE_URL + reverse("campaigns:verify", args=[signature.token]),
        },
    )


@transaction.atomic
def check_sign_petition(
    petition: Petition,
    *,
    name: str,
    email: str,
    postcode_district: str,
    client_key: str | None,
    acting_user: User | None = None,
) -> Signed:
    """Sign the petition: one signature per email, counted once the link emailed is followed.

    Signing again is harmless: an unverified signature gets its link again (at most every ten
    minutes), an expired one a fresh link, and a verified one stays as it is. Each attempt counts
    against GROUNDWORK_PETITION_SIGNING_LIMIT for `client_key` (the signer's address); past it,
    RateLimited. Only a caller with no client (demo data, tests of other rules) passes None.
    """
    if client_key is not None:
        count_attempt(
            "campaigns.sign_petition",
            client_key=client_key,
            rate=settings.GROUNDWORK_PETITION_SIGNING_LIMIT,
            refusal=_(
                "Too many signatures from your connection just now. Wait a few minutes and try "
                "again."
            ),
        )
    if not petition.is_open or petition.campaign.status != Campaign.Status.ACTIVE:
        raise ActionError(_("This petition is closed to new signatures."))
    email = normalise_email(email)
    now = timezone.now()
    try:
        with transaction.atomic():
            signature = Signature.objects.create(
                petition=petition,
                name=name.strip(),
                email=email,
                postcode_district=postcode_district,
                email_sent_at=now,
            )
    except IntegrityError:
        return _sign_again(petition, email=email, name=name, district=postcode_district, now=now)
    _send_verification(signature, petition)
    _forget_when_expired(signature)
    record(
        actor=acting_user,
        verb="petition.signed",
        target=petition,
        group_id=petition.campaign.group_id,
        new={"signature": signature.pk},
    )
    return Signed.NEW


@transaction.atomic
def check_sign_petition_as_member(
    petition: Petition, *, postcode_district: str, acting_user: User
) -> Signed:
    """Sign as a signed-in member whose email is verified: counted at once, with the account's
    name and email, and no confirmation email (the account already proved the address).

    Signing again changes nothing; a signature left unconfirmed from before is counted now.
    """
    if not petition.is_open or petition.campaign.status != Campaign.Status.ACTIVE:
        raise ActionError(_("This petition is closed to new signatures."))
    email = normalise_email(acting_user.email)
    now = timezone.now()
    signature, created = Signature.objects.select_for_update().get_or_create(
        petition=petition,
        email=email,
        defaults={
            "name": acting_user.name,
            "postcode_district": postcode_district,
            "verified_at": now,
        },
    )
    if not created:
        if signature.verified_at is not None:
            return Signed.UNCHANGED
        signature.verified_at = now
        signature.save(update_fields=["verified_at"])
    Petition.objects.filter(pk=petition.pk).update(signature_count=F("signature_count") + 1)
    record(
        actor=acting_user,
        verb="petition.signed",
        target=petition,
        group_id=petition.campaign.group_id,
        new={"signature": signature.pk, "verified": "by account"},
    )
    signature_counted.send(sender=Signature, signature=signature, petition=petition)
    landing_changed()  # the petition's count, on the first page
    campaign_page_changed(petition.campaign_id)
    return Signed.NEW


def _sign_again(
    petition: Petition, *, email: str, name: str, district: str, now: datetime
) -> Signed:
    signature = Signature.objects.select_for_update().get(petition=petition, email=email)
    if signature.verified_at is not None:
        return Signed.UNCHANGED
    if signature_expired(signature, now):
        signature.token = Signature._meta.get_field("token").default()
        signature.created_at = now
        signature.name, signature.postcode_district = name.strip(), district
    elif signature.email_sent_at and signature.email_sent_at > now - RESEND_AFTER:
        return Signed.UNCHANGED
    signature.email_sent_at = now
    signature.save(
        update_fields=["token", "created_at", "name", "postcode_district", "email_sent_at"]
    )
    _send_verification(signature, petition)
    _forget_when_expired(signature)
    return Signed.RESENT


@transaction.atomic
def check_verify_signature(signature: Signature) -> bool:
    """Count the signature (once): True if this call counted it, False if it already was."""
    signature = Signature.objects.select_for_update().get(pk=signature.pk)
    if signature.verified_at is not None:
        return False
    if signature_expired(signature):
        raise ActionError(_("This link has expired. Sign the petition again for a new one."))
    signature.verified_at = timezone.now()
    signature.save(update_fields=["verified_at"])
    Petition.objects.filter(pk=signature.petition_id).update(
        signature_count=F("signature_count") + 1
    )
    record(
        actor=None,
        verb="petition.signature_verified",
        target=signature,
        group_id=signature.petition.campaign.group_id,
        new={"petition": signature.petition_id},
    )
    signature_counted.send(sender=Signature, signature=signature, petition=signature.petition)
    landing_changed()  # the petition's count, on the first page
    campaign_page_changed(signature.petition.campaign_id)
    return True


@transaction.atomic
def do_forget_unverified_signature(signature_id: int, *, acting_user: User | None = None) -> bool:
    """Forget one signature whose link expired unverified; True if it went. Idempotent: a
    verified, renewed or already forgotten signature is left as it is."""
    signature = Signature.objects.select_for_update().filter(pk=signature_id).first()
    if signature is None or not signature_expired(signature):
        return False
    petition = Petition.objects.select_related("campaign").get(pk=signature.petition_id)
    signature.delete()
    record(
        actor=acting_user,
        verb="petition.unverified_signature_forgotten",
        target=petition,
        group_id=petition.campaign.group_id,
        new={"signature": signature_id},
    )
    return True


def do_forget_signature_when_expired(signature: Signature) -> str:
    """The forgetting job's work: forget the unverified signature once its link has expired; if
    signing again renewed it, schedule the job again for then. Returns what happened."""
    from groundwork.campaigns.tasks import schedule_forgetting

    expires_at = signature_expires_at(signature)
    if expires_at >= timezone.now():
        schedule_forgetting(signature.pk, expires_at)
        return "rescheduled"
    return "forgotten" if do_forget_unverified_signature(signature.pk) else "kept"


@transaction.atomic
def do_prune_unverified_signatures(*, acting_user: User | None = None) -> int:
    """Forget signatures whose email was never verified in time; returns how many went."""
    cutoff = timezone.now() - timedelta(days=SIGNATURE_VERIFICATION_DAYS)
    deleted, _per_model = Signature.objects.filter(verified_at=None, created_at__lt=cutoff).delete()
    if deleted:
        record(
            actor=acting_user,
            verb="petition.unverified_signatures_pruned",
            target=Petition(pk=0, title="All petitions"),
            new={"count": deleted},
        )
    return deleted


# Where an erased signer's address points: nowhere (RFC 2606), and unique per signature.
ERASED_DOMAIN = "erased.invalid"
# How long a signer's name and email are kept once their petition is over (closed, or its
# campaign won or lost), for the delivery sheet and a follow-up; docs/retention.md.
SIGNER_DETAILS_DAYS = 365


def do_forget_signers_of_finished_petitions(
    now: datetime, *, acting_user: User | None = None
) -> int:
    """Remove the name and email of each signature a year old on a petition that is over, unless
    the signer has an account (theirs to erase); the signature still counts, in its district."""
    over = Q(petition__status=Petition.Status.CLOSED) | Q(
        petition__campaign__status__in=[Campaign.Status.WON, Campaign.Status.LOST]
    )
    signed_in = User.objects.filter(email__iexact=OuterRef("email"))
    forgotten = (
        Signature.objects.filter(over, verified_at__lt=now - timedelta(days=SIGNER_DETAILS_DAYS))
        .exclude(email__endswith=f"@{ERASED_DOMAIN}")
        .exclude(Exists(signed_in))
        # Unique per petition, like a real address (one_signature_per_email_per_petition).
        .update(
            name="",
            email=Concat(Value("signature-"), Cast("pk", CharField()), Value(f"@{ERASED_DOMAIN}")),
        )
    )
    if forgotten:
        record(
            actor=acting_user,
            verb="petition.signers_forgotten",
            target=Petition(pk=0, title="All petitions"),
            new={"count": forgotten},
        )
    return forgotten


def do_record_signature_export(
    petition: Petition, *, count: int, kind: str, acting_user: User
) -> None:
    """Organisers' access to signers' data is logged (who, which petition, how many; no names)."""
    record(
        actor=acting_user,
        verb=f"petition.{kind}_exported",
        target=petition,
        group_id=petition.campaign.group_id,
        new={"count": count},
    )

"""Every change to campaigns, their targets, milestones, updates, petitions, signatures and letters.

Signers' names and emails never reach the audit log: entries carry ids and counts only.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from groundwork.aims.models import Objective
from groundwork.campaigns import queries
from groundwork.campaigns.models import (
    Campaign,
    CampaignUpdate,
    LetterSent,
    LetterTemplate,
    Milestone,
    Petition,
    Signature,
    Target,
)
from groundwork.core.audit import record
from groundwork.core.email import enqueue_email, enqueue_templated_email
from groundwork.core.errors import ActionError
from groundwork.groups.models import Group
from groundwork.members.models import User

# An unverified signature is forgotten after this long; its link stops working.
SIGNATURE_VERIFICATION_DAYS = 7
# Signing again resends the link, but not more often than this (no mail-bombing through us).
RESEND_AFTER = timedelta(minutes=10)
# Letters: at most this many by one member to one campaign, and in any 24 hours across campaigns.
LETTERS_PER_CAMPAIGN = 3
LETTERS_PER_DAY = 10

CAMPAIGN_FIELDS = ["title", "summary", "description", "demands", "status"]
TARGET_FIELDS = ["kind", "name", "role", "email", "ons_codes", "postcode_districts"]
PETITION_FIELDS = ["title", "statement", "target", "goal", "status"]


def _values(instance, fields: list[str]) -> dict:
    values = {}
    for field in fields:
        value = getattr(instance, field)
        values[field] = value.pk if hasattr(value, "pk") else value
    return values


def _changes(old: dict, new: dict) -> tuple[dict, dict]:
    changed = [key for key in new if new[key] != old.get(key)]
    return {key: old.get(key) for key in changed}, {key: new[key] for key in changed}


# --- campaigns ----------------------------------------------------------------------------


def _campaign_values(campaign: Campaign) -> dict:
    numbers = sorted(campaign.objectives.values_list("number", flat=True))
    return _values(campaign, CAMPAIGN_FIELDS) | {"objectives": numbers}


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
    old = _campaign_values(campaign)
    for field, value in values.items():
        setattr(campaign, field, value)
    campaign.save()
    if objectives is not None:
        campaign.objectives.set(list(objectives))
    old, new = _changes(old, _campaign_values(campaign))
    record(
        actor=acting_user,
        verb="campaign.updated",
        target=campaign,
        group_id=campaign.group_id,
        old=old,
        new=new,
    )
    return campaign


@transaction.atomic
def do_save_target(
    campaign: Campaign, *, target: Target | None, values: dict, acting_user: User
) -> Target:
    """Add a target to the campaign, or change one of its targets."""
    old = _values(target, TARGET_FIELDS) if target else {}
    target = target or Target(campaign=campaign)
    for field, value in values.items():
        setattr(target, field, value)
    target.save()
    old, new = _changes(old, _values(target, TARGET_FIELDS))
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
        old=_values(target, TARGET_FIELDS),
    )
    target.delete()


@transaction.atomic
def do_add_milestone(campaign: Campaign, *, values: dict, acting_user: User) -> Milestone:
    """Record a milestone or a win of the campaign."""
    milestone = Milestone.objects.create(campaign=campaign, **values)
    record(
        actor=acting_user,
        verb="campaign.win_recorded" if milestone.is_win else "campaign.milestone_recorded",
        target=milestone,
        group_id=campaign.group_id,
        new={"title": milestone.title, "happened_on": str(milestone.happened_on)},
    )
    return milestone


@transaction.atomic
def do_post_update(
    campaign: Campaign, *, title: str, body: str, acting_user: User
) -> CampaignUpdate:
    """Publish news of the campaign (markdown, sanitised when shown)."""
    update = CampaignUpdate.objects.create(
        campaign=campaign, author=acting_user, title=title, body=body
    )
    record(
        actor=acting_user,
        verb="campaign.update_posted",
        target=update,
        group_id=campaign.group_id,
        new={"title": title},
    )
    return update


@transaction.atomic
def do_save_letter_template(
    campaign: Campaign, *, values: dict, acting_user: User
) -> LetterTemplate:
    """Write or change the letter the campaign offers its supporters."""
    template, created = LetterTemplate.objects.get_or_create(campaign=campaign, defaults=values)
    if not created:
        for field, value in values.items():
            setattr(template, field, value)
        template.save()
    record(
        actor=acting_user,
        verb="campaign.letter_saved",
        target=template,
        group_id=campaign.group_id,
        new={"subject": template.subject, "is_open": template.is_open},
    )
    return template


# --- petitions ----------------------------------------------------------------------------


@transaction.atomic
def do_save_petition(
    campaign: Campaign, *, petition: Petition | None, values: dict, acting_user: User
) -> Petition:
    """Start a petition of the campaign, or change (or close) one."""
    old = _values(petition, PETITION_FIELDS) if petition else {}
    petition = petition or Petition(campaign=campaign)
    for field, value in values.items():
        setattr(petition, field, value)
    petition.save()
    old, new = _changes(old, _values(petition, PETITION_FIELDS))
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


def signature_expired(signature: Signature, now=None) -> bool:
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
    petition: Petition, *, name: str, email: str, postcode_district: str, acting_user=None
) -> Signed:
    """Sign the petition: one signature per email, counted once the link emailed is followed.

    Signing again is harmless: an unverified signature gets its link again (at most every ten
    minutes), an expired one a fresh link, and a verified one stays as it is.
    """
    if not petition.is_open or petition.campaign.status != Campaign.Status.ACTIVE:
        raise ActionError("This petition is closed to new signatures.")
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


def _sign_again(petition: Petition, *, email: str, name: str, district: str, now) -> Signed:
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
        raise ActionError("This link has expired. Sign the petition again for a new one.")
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
    return True


@transaction.atomic
def do_forget_unverified_signature(signature_id: int, *, acting_user=None) -> bool:
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


@transaction.atomic
def do_prune_unverified_signatures(*, acting_user=None) -> int:
    """Forget signatures whose email was never verified in time; returns how many went."""
    cutoff = timezone.now() - timedelta(days=SIGNATURE_VERIFICATION_DAYS)
    deleted, _ = Signature.objects.filter(verified_at=None, created_at__lt=cutoff).delete()
    if deleted:
        record(
            actor=acting_user,
            verb="petition.unverified_signatures_pruned",
            target=Petition(pk=0, title="All petitions"),
            new={"count": deleted},
        )
    return deleted


def record_signature_export(
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


# --- letters ------------------------------------------------------------------------------


def target_for_district(campaign: Campaign, district: str) -> Target | None:
    """The campaign's target that answers for `district`: by district, then by local authority,
    then one that answers for everyone; only targets with an email address."""
    targets = [target for target in queries.targets_of(campaign) if target.email]
    for target in targets:
        if district in target.district_list:
            return target
    authority = queries.district_authorities([district]).get(district)
    if authority:
        for target in targets:
            if authority[0] in target.ons_code_list:
                return target
    for target in targets:
        if not target.district_list and not target.ons_code_list:
            return target
    return None


@dataclass(frozen=True)
class LetterDraft:
    """Exactly the email a member's letter becomes: shown to them before they send it."""

    target: Target
    to: str
    subject: str
    body: str
    reply_to: str


@dataclass(frozen=True)
class LetterOutcome:
    letter: LetterSent
    target: Target | None  # None only for an earlier letter whose target was since removed
    already_sent: bool = False


def _check_may_send_letter(campaign: Campaign, acting_user: User) -> None:
    template = getattr(campaign, "letter_template", None)
    if campaign.status != Campaign.Status.ACTIVE or template is None or not template.is_open:
        raise ActionError("This campaign is not collecting letters at the moment.")
    if queries.letters_by_sender_to(acting_user, campaign) >= LETTERS_PER_CAMPAIGN:
        raise ActionError(
            f"You have already sent {LETTERS_PER_CAMPAIGN} letters for this campaign. Thank you!"
        )
    day_ago = timezone.now() - timedelta(days=1)
    if queries.letters_by_sender_since(acting_user, day_ago) >= LETTERS_PER_DAY:
        raise ActionError(
            f"You have sent {LETTERS_PER_DAY} letters in the last 24 hours; try again tomorrow."
        )


def check_draft_letter(
    campaign: Campaign, *, postcode_district: str, subject: str, body: str, acting_user: User
) -> LetterDraft:
    """The email check_send_letter would send for these words, refused for the same reasons;
    it writes nothing (the preview the member confirms)."""
    _check_may_send_letter(campaign, acting_user)
    target = target_for_district(campaign, postcode_district)
    if target is None:
        raise ActionError(
            f"None of this campaign's targets answers for {postcode_district}.",
            field="postcode_district",
        )
    greeting = f"Dear {target.name},"
    signoff = f"Yours sincerely,\n{acting_user.name}\n{postcode_district}"
    footer = (
        f"Sent through Groundwork for the campaign “{campaign.title}”. "
        "Reply to this email to answer the sender directly."
    )
    return LetterDraft(
        target=target,
        to=target.email,
        subject=" ".join(subject.split()),
        body=f"{greeting}\n\n{body.strip()}\n\n{signoff}\n\n--\n{footer}\n",
        reply_to=acting_user.email,
    )


@transaction.atomic
def check_send_letter(
    campaign: Campaign,
    *,
    postcode_district: str,
    subject: str,
    body: str,
    confirmation: UUID,
    acting_user: User,
) -> LetterOutcome:
    """Send the member's letter to the target for their district, with them as Reply-To: the
    email check_draft_letter showed them; once per `confirmation`, whatever the repeats.

    Only that it was sent is kept (who, to whom, when, which confirmation); the letter itself is
    not stored.

    `confirmation` is a random token drawn when the preview is shown and carried in its form, so a
    double click, a browser's resubmission or a retried request repeats it: the repeat finds the
    letter already sent and says so (`already_sent`), sending nothing. The database enforces it (a
    unique constraint on sender and confirmation), and the check runs under the lock on the
    member's row, so two requests at the same instant send one email. A hash of the letter would
    also catch two separate previews of the same words, but it would be a fingerprint of the
    contents kept for good: whoever reads the table and knows the template's words (organisers
    write them) could tell whether a member changed them. Two previews are two confirmations the
    member made, and the limits per campaign and per day still bound them.
    """
    # One member's letters are counted under a lock on their row, so two tabs cannot race.
    User.objects.select_for_update().filter(pk=acting_user.pk).first()
    earlier = queries.letter_sent_with(acting_user, confirmation)
    if earlier is not None:
        return LetterOutcome(letter=earlier, target=earlier.target, already_sent=True)
    draft = check_draft_letter(
        campaign,
        postcode_district=postcode_district,
        subject=subject,
        body=body,
        acting_user=acting_user,
    )
    try:
        with transaction.atomic():
            letter = LetterSent.objects.create(
                campaign=campaign,
                target=draft.target,
                sender=acting_user,
                postcode_district=postcode_district,
                confirmation=confirmation,
            )
    except IntegrityError:
        # Under the lock a repeat is found above; the constraint holds should anything write
        # without taking it.
        earlier = queries.letter_sent_with(acting_user, confirmation)
        if earlier is None:
            raise
        return LetterOutcome(letter=earlier, target=earlier.target, already_sent=True)
    enqueue_email(to=[draft.to], subject=draft.subject, body=draft.body, reply_to=[draft.reply_to])
    record(
        actor=acting_user,
        verb="campaign.letter_sent",
        target=campaign,
        group_id=campaign.group_id,
        new={"letter": letter.pk, "target": draft.target.pk},
    )
    return LetterOutcome(letter=letter, target=draft.target)

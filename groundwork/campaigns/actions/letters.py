"""Letters to targets: the campaign's letter template, and members' letters, drafted then sent."""

from dataclasses import dataclass, replace
from datetime import timedelta
from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from groundwork.campaigns import queries
from groundwork.campaigns.hooks import FoundRecipients, LetterRecipient
from groundwork.campaigns.models import Campaign, LetterSent, LetterTemplate, Target
from groundwork.core.audit import record
from groundwork.core.email import enqueue_email
from groundwork.core.errors import ActionError
from groundwork.members.models import User

# Letters: at most this many by one member to one campaign, and in any 24 hours across campaigns.
LETTERS_PER_CAMPAIGN = 3
LETTERS_PER_DAY = 10


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


def target_for_district(campaign: Campaign, district: str) -> Target | None:
    """The campaign's target that answers for `district`: by district, then by local authority,
    then one that answers for everyone; only targets with an email address, and none of those
    whose recipient is found from the writer's postcode."""
    targets = [
        target
        for target in queries.targets_of(campaign)
        if target.email and not target.is_found_from_postcode
    ]
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


def recipients_for_writer(campaign: Campaign, *, postcode: str, district: str) -> FoundRecipients:
    """Whom a writer may send the campaign's letter to: the representatives found from their
    whole `postcode` (or "" and its `district`) for its targets of those kinds, then its target
    for the district if it has one. A fixed number of queries."""
    own = queries.targets_found_from_postcode(campaign)
    found = (
        queries.letter_recipients_for(own, postcode=postcode, district=district)
        if own
        else FoundRecipients(known=False)
    )
    fixed = target_for_district(campaign, district)
    if fixed is None:
        return found
    choice = LetterRecipient(
        target=fixed,
        key=f"target-{fixed.pk}",
        name=fixed.name,
        email=fixed.email,
        description=fixed.role or fixed.get_kind_display(),
    )
    return replace(found, recipients=[*found.recipients, choice], known=True)


@dataclass(frozen=True)
class LetterDraft:
    """Exactly the email a member's letter becomes: shown to them before they send it."""

    target: Target
    addressee: str  # whom it greets: the target, or the representative found for it
    to: str
    subject: str
    body: str
    reply_to: str


@dataclass(frozen=True)
class LetterOutcome:
    letter: LetterSent
    target: Target | None  # None only for an earlier letter whose target was since removed
    already_sent: bool = False

    @property
    def addressee(self) -> str:
        """Whom it went to: the representative found for the writer, or the target."""
        return self.letter.recipient or (str(self.target) if self.target else "")


def _check_may_send_letter(campaign: Campaign, acting_user: User) -> None:
    template = getattr(campaign, "letter_template", None)
    if campaign.status != Campaign.Status.ACTIVE or template is None or not template.is_open:
        raise ActionError(_("This campaign is not collecting letters at the moment."))
    if queries.letters_by_sender_to(acting_user, campaign) >= LETTERS_PER_CAMPAIGN:
        raise ActionError(
            ngettext(
                "You have already sent %(count)d letter for this campaign. Thank you!",
                "You have already sent %(count)d letters for this campaign. Thank you!",
                LETTERS_PER_CAMPAIGN,
            )
            % {"count": LETTERS_PER_CAMPAIGN}
        )
    day_ago = timezone.now() - timedelta(days=1)
    if queries.letters_by_sender_since(acting_user, day_ago) >= LETTERS_PER_DAY:
        raise ActionError(
            ngettext(
                "You have sent %(count)d letter in the last 24 hours; try again tomorrow.",
                "You have sent %(count)d letters in the last 24 hours; try again tomorrow.",
                LETTERS_PER_DAY,
            )
            % {"count": LETTERS_PER_DAY}
        )


def check_draft_letter(
    campaign: Campaign,
    *,
    postcode_district: str,
    subject: str,
    body: str,
    acting_user: User,
    postcode: str = "",
    recipient: str = "",
) -> LetterDraft:
    """The email check_send_letter would send for these words, refused for the same reasons;
    it writes nothing (the preview the member confirms)."""
    _check_may_send_letter(campaign, acting_user)
    target, addressee, to = _addressee_of(
        campaign, district=postcode_district, postcode=postcode, recipient=recipient
    )
    # The letter is written in the sender's language, as the words they add are.
    greeting = _("Dear %(name)s,") % {"name": addressee}
    signoff = _("Yours sincerely,\n%(name)s\n%(district)s") % {
        "name": acting_user.name,
        "district": postcode_district,
    }
    footer = _(
        "Sent through Groundwork for the campaign “%(campaign)s”. "
        "Reply to this email to answer the sender directly."
    ) % {"campaign": campaign.title}
    return LetterDraft(
        target=target,
        addressee=addressee,
        to=to,
        subject=" ".join(subject.split()),
        body=f"{greeting}\n\n{body.strip()}\n\n{signoff}\n\n--\n{footer}\n",
        reply_to=acting_user.email,
    )


def _addressee_of(
    campaign: Campaign, *, district: str, postcode: str, recipient: str
) -> tuple[Target, str, str]:
    """(target, whom the letter greets, their address): the one the writer chose among those
    for their postcode (recipients_for_writer), else the target for their district."""
    if postcode and postcode.split(" ")[0] != district:
        postcode = ""  # a whole postcode only counts with its own district
    if recipient:
        found = recipients_for_writer(campaign, postcode=postcode, district=district)
        for candidate in found.recipients:
            if candidate.key == recipient:
                return candidate.target, candidate.name, candidate.email
        raise ActionError(
            _("Choose who your letter goes to from those for %(postcode)s.")
            % {"postcode": postcode or district},
            field="recipient",
        )
    target = target_for_district(campaign, district)
    if target is not None:
        return target, target.name, target.email
    if queries.targets_found_from_postcode(campaign):
        raise ActionError(_("Choose who your letter goes to."), field="recipient")
    raise ActionError(
        _("None of this campaign's targets answers for %(district)s.") % {"district": district},
        field="postcode_district",
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
    postcode: str = "",
    recipient: str = "",
) -> LetterOutcome:
    """Send the member's letter to the target for their district, or to the representative
    they chose among those found from their postcode, with them as Reply-To: the
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
        postcode=postcode,
        recipient=recipient,
    )
    try:
        with transaction.atomic():
            letter = LetterSent.objects.create(
                campaign=campaign,
                target=draft.target,
                sender=acting_user,
                postcode_district=postcode_district,
                recipient=draft.addressee if draft.target.is_found_from_postcode else "",
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
        new={"letter": letter.pk, "target": draft.target.pk, "recipient": letter.recipient},
    )
    return LetterOutcome(letter=letter, target=draft.target)

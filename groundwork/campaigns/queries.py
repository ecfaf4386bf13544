"""Reading campaigns, petitions and letters, scoped by permission and fetched in fixed queries."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from allauth.account.models import EmailAddress
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import gettext as _

from groundwork.aims.models import Objective
from groundwork.campaigns.hooks import FoundRecipients, letter_target_finders
from groundwork.campaigns.models import (
    Campaign,
    CampaignUpdate,
    LetterSent,
    Milestone,
    Petition,
    Signature,
    Target,
)
from groundwork.groups.models import Group, PostcodeDistrict
from groundwork.groups.rules import organises_scope, roles_of
from groundwork.members.models import Profile, User

# The campaign page shows this many of the latest updates and milestones.
PAGE_UPDATES = 20
PAGE_MILESTONES = 50


def campaigns_visible_to(user, group: Group | None = None, *, alliance_only: bool = False):
    """Campaigns `user` may see (twin of see_campaign), of `group`, or the alliance's only."""
    campaigns = Campaign.objects.select_related("group")
    if group is not None:
        campaigns = campaigns.filter(group=group)
    elif alliance_only:
        campaigns = campaigns.filter(group=None)
    visible = ~Q(status=Campaign.Status.PLANNING)
    roles = roles_of(user)
    if roles:
        visible |= Q(group_id__in=list(roles)) | Q(group=None)
    return campaigns.filter(visible).order_by("-created_at", "-id")


def get_campaign_for(user, pk: int) -> Campaign:
    """A campaign `user` may see, with its group and letter, or 404 alike for missing and hidden."""
    try:
        campaign = Campaign.objects.select_related("group", "letter_template").get(pk=pk)
    except Campaign.DoesNotExist:
        raise Http404("No such campaign.") from None
    if not user.has_perm("campaigns.see_campaign", campaign):
        raise Http404("No such campaign.")
    return campaign


def get_petition_for(user, pk: int) -> Petition:
    """A petition whose campaign `user` may see, with campaign and target, or 404."""
    try:
        petition = Petition.objects.select_related("campaign", "campaign__group", "target").get(
            pk=pk
        )
    except Petition.DoesNotExist:
        raise Http404("No such petition.") from None
    if not user.has_perm("campaigns.see_petition", petition):
        raise Http404("No such petition.")
    return petition


def get_target_in(campaign: Campaign, pk: int) -> Target:
    try:
        return Target.objects.get(campaign=campaign, pk=pk)
    except Target.DoesNotExist:
        raise Http404("No such target.") from None


def get_signature_by_token(token: str) -> Signature:
    try:
        return Signature.objects.select_related("petition", "petition__campaign").get(token=token)
    except Signature.DoesNotExist:
        raise Http404("No such signature.") from None


def targets_of(campaign: Campaign) -> QuerySet[Target]:
    return Target.objects.filter(campaign=campaign).order_by("name", "id")


def letter_targets_of(campaign: Campaign) -> list[Target]:
    """The targets a letter can be sent to by district: named, with an email address."""
    return [
        target
        for target in targets_of(campaign)
        if target.email and not target.is_found_from_postcode
    ]


def objectives_of(campaign: Campaign) -> list[Objective]:
    """The platform's objectives the campaign works towards, in the platform's order."""
    return list(campaign.objectives.order_by("number"))


def milestones_of(campaign: Campaign) -> QuerySet[Milestone]:
    return Milestone.objects.filter(campaign=campaign)[:PAGE_MILESTONES]


def updates_of(campaign: Campaign) -> QuerySet[CampaignUpdate]:
    return CampaignUpdate.objects.filter(campaign=campaign).select_related("author")[:PAGE_UPDATES]


def petitions_of(campaign: Campaign) -> QuerySet[Petition]:
    return Petition.objects.filter(campaign=campaign).select_related("target")


def verified_email_of(user) -> str | None:
    """The signed-in member's email if they have verified it (they may then sign in one step)."""
    if not user.is_authenticated:
        return None
    verified = EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True)
    return user.email if verified.exists() else None


def profile_district_of(user) -> str:
    """The postcode district on the member's profile ("" when they gave none)."""
    district = Profile.objects.filter(user=user).values_list("postcode_district", flat=True)
    return district.first() or ""


def my_signature(user, petition: Petition) -> Signature | None:
    """The member's own counted signature on the petition (by their account's email), if any."""
    if not user.is_authenticated:
        return None
    return (
        Signature.objects.filter(
            petition=petition, email=user.email.strip().lower(), verified_at__isnull=False
        )
        .only("verified_at")
        .first()
    )


@dataclass(frozen=True)
class PetitionReader:
    """What the petition page needs to know of the person reading it."""

    verified_email: str | None  # their account's email, if verified: they sign in one step
    district: str  # the postcode district on their profile ("" when none)
    signed_at: datetime | None  # when their counted signature was made, if they signed


def petition_reader(user, petition: Petition) -> PetitionReader:
    """What `verified_email_of`, `profile_district_of` and `my_signature` tell of `user` on
    `petition`, in one query (three made the petition page's own queries three of its seven)."""
    if not user.is_authenticated:
        return PetitionReader(verified_email=None, district="", signed_at=None)
    verified = EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True)
    district = Profile.objects.filter(user=OuterRef("pk")).order_by("pk")
    signature = Signature.objects.filter(
        petition=petition, email=user.email.strip().lower(), verified_at__isnull=False
    ).order_by("created_at", "id")
    row = (
        User.objects.filter(pk=user.pk)
        .values_list(
            Exists(verified),
            Subquery(district.values("postcode_district")[:1]),
            Subquery(signature.values("verified_at")[:1]),
        )
        .get()
    )
    return PetitionReader(
        verified_email=user.email if row[0] else None, district=row[1] or "", signed_at=row[2]
    )


def signatures_visible_to(user, petition: Petition) -> QuerySet[Signature]:
    """Verified signatures for the campaign's organisers with two-factor; none for anyone else."""
    if not user.has_perm("campaigns.view_signature", petition):
        return Signature.objects.none()
    return Signature.objects.filter(petition=petition, verified_at__isnull=False).order_by(
        "verified_at", "id"
    )


def letters_sent_by_target(user, campaign: Campaign) -> list[Mapping[str, Any]]:
    """How many letters went to each target (never what they said), for the campaign's organisers."""
    if not organises_scope(user, campaign.group_id):
        return []
    return list(
        LetterSent.objects.filter(campaign=campaign)
        .values("target__name")
        .annotate(count=Count("id"))
        .order_by("-count", "target__name")
    )


def district_authorities(districts: list[str]) -> dict[str, tuple[str, str]]:
    """{postcode district: (ONS code, area name)} where a group's area tells us (one query)."""
    found: dict[str, tuple[str, str]] = {}
    rows = (
        PostcodeDistrict.objects.filter(district__in=districts)
        .exclude(group__ons_code="")
        .values_list("district", "group__ons_code", "group__area_name")
        .order_by("district", "group_id")
    )
    for district, ons_code, area_name in rows:
        found.setdefault(district, (ons_code, area_name))
    return found


@dataclass(frozen=True)
class AreaCount:
    label: str
    count: int


@dataclass(frozen=True)
class DeliveryCounts:
    total: int
    by_district: list[AreaCount]
    by_authority: list[AreaCount]


def delivery_counts(petition: Petition) -> DeliveryCounts:
    """Verified signatures counted by postcode district and by local authority where known."""
    rows = list(
        Signature.objects.filter(petition=petition, verified_at__isnull=False)
        .values_list("postcode_district")
        .annotate(count=Count("id"))
        .order_by("postcode_district")
    )
    authorities = district_authorities([district for district, _ in rows])
    by_authority: dict[str, int] = {}
    unknown = _("Not known")
    for district, count in rows:
        ons_code, area = authorities.get(district, ("", ""))
        label = f"{area} ({ons_code})" if ons_code else unknown
        by_authority[label] = by_authority.get(label, 0) + count
    return DeliveryCounts(
        total=sum(count for _, count in rows),
        by_district=sorted(
            (AreaCount(district, count) for district, count in rows),
            key=lambda area: (-area.count, area.label),
        ),
        by_authority=sorted(
            (AreaCount(label, count) for label, count in by_authority.items()),
            key=lambda area: (area.label == unknown, -area.count, area.label),
        ),
    )


def letters_by_sender_since(user, since) -> int:
    return LetterSent.objects.filter(sender=user, sent_at__gte=since).count()


def letters_by_sender_to(user, campaign: Campaign) -> int:
    return LetterSent.objects.filter(sender=user, campaign=campaign).count()


def letter_sent_with(user, confirmation: UUID) -> LetterSent | None:
    """The letter `user` already sent by confirming this preview, if any."""
    return (
        LetterSent.objects.select_related("target")
        .filter(sender=user, confirmation=confirmation)
        .first()
    )


def targets_found_from_postcode(campaign: Campaign) -> list[Target]:
    """The campaign's targets whose recipient is each writer's own representative (one query)."""
    return list(targets_of(campaign).filter(kind__in=Target.FOUND_FROM_POSTCODE))


def letter_recipients_for(
    targets: list[Target], *, postcode: str, district: str
) -> FoundRecipients:
    """Who a letter to these targets can go to for the writer's whole `postcode` (or "" and only
    its `district`), by every finder registered on hooks.letter_target_finders; `known` is False
    when no finder knows the postcode. A fixed number of queries."""
    answers = [
        answer
        for finder in letter_target_finders
        if (answer := finder(targets, postcode=postcode, district=district)) is not None
    ]
    if not answers:
        return FoundRecipients(known=False)
    return FoundRecipients(
        recipients=[recipient for answer in answers for recipient in answer.recipients],
        known=any(answer.known for answer in answers),
        several_areas=any(answer.several_areas for answer in answers),
        unreachable=[name for answer in answers for name in answer.unreachable],
    )


def live_campaigns() -> QuerySet[Campaign]:
    """Campaigns under way that anyone may see, newest first (the first page)."""
    return (
        Campaign.objects.filter(status=Campaign.Status.ACTIVE)
        .select_related("group")
        .order_by("-created_at", "-id")
    )


def open_petitions() -> QuerySet[Petition]:
    """Petitions open for signatures, of campaigns anyone may see, most signed first."""
    return (
        Petition.objects.filter(status=Petition.Status.OPEN)
        .exclude(campaign__status=Campaign.Status.PLANNING)
        .select_related("campaign")
        .order_by("-signature_count", "-id")
    )


def recent_wins() -> QuerySet[Milestone]:
    """The latest wins of campaigns anyone may see, newest first."""
    return (
        Milestone.objects.filter(is_win=True)
        .exclude(campaign__status=Campaign.Status.PLANNING)
        .select_related("campaign__group")
        .order_by("-happened_on", "-id")
    )

"""How the campaigns app connects to hooks of the apps to its left: the alliance's roll-up of
objectives, a group's page, the first page."""

from django.db.models import Count, Q
from django.dispatch import receiver
from django.utils.translation import gettext as _

from groundwork.aims.hooks import add_rollup_source, platform_edited
from groundwork.campaigns import queries
from groundwork.campaigns.actions.petitions import ERASED_DOMAIN
from groundwork.campaigns.hooks import CAMPAIGN_PAGES
from groundwork.campaigns.models import Campaign, CampaignUpdate, LetterSent, Signature
from groundwork.core.hooks import RetentionRule, add_retention_rule
from groundwork.groups.hooks import add_group_section
from groundwork.members.hooks import add_landing_section, add_personal_data_exporter, member_erased


@add_rollup_source
def campaigns_per_objective(objective_ids) -> dict[int, dict[str, int]]:
    """How many launched campaigns work towards each objective, and how many of them were won
    (one query). Campaigns still being planned are not counted: they are not public yet."""
    rows = (
        Campaign.objectives.through.objects.filter(objective_id__in=list(objective_ids))
        .exclude(campaign__status=Campaign.Status.PLANNING)
        .values("objective_id")
        .annotate(
            count=Count("campaign_id"),
            won=Count("campaign_id", filter=Q(campaign__status=Campaign.Status.WON)),
        )
        .order_by()
    )
    counts = {}
    for row in rows:
        counts[row["objective_id"]] = {_("Campaigns"): row["count"]}
        if row["won"]:
            counts[row["objective_id"]][_("Campaigns won")] = row["won"]
    return counts


# A group's page shows at most this many of its live campaigns; its campaigns page has them all.
GROUP_PAGE_CAMPAIGNS = 5


@add_group_section(order=30)
def group_live_campaigns(request, group):
    """The group's active campaigns, newest first (one query)."""
    campaigns = queries.campaigns_visible_to(request.user, group).filter(
        status=Campaign.Status.ACTIVE
    )
    campaigns = list(campaigns[:GROUP_PAGE_CAMPAIGNS])
    if not campaigns:
        return None
    return "campaigns/_group_campaigns.html", {"group": group, "campaigns": campaigns}


# --- Data rights (members' hooks) -------------------------------------------------------------


def _iso(moment):
    return moment.isoformat() if moment is not None else None


@add_personal_data_exporter
def campaigns_personal_data(user) -> dict[str, list[dict]]:
    """The petitions the member signed (found by their email, as signatures are kept), the
    letters they sent (who to, never the letter) and the campaign news they wrote."""
    signatures = Signature.objects.filter(email__iexact=user.email).select_related("petition")
    letters = LetterSent.objects.filter(sender=user).select_related("campaign", "target")
    return {
        "petition_signatures": [
            {
                "petition": s.petition.title,
                "name": s.name,
                "email": s.email,
                "postcode_district": s.postcode_district,
                "signed_at": _iso(s.created_at),
                "confirmed_at": _iso(s.verified_at),
            }
            for s in signatures
        ],
        "letters_sent": [
            {
                "campaign": letter.campaign.title,
                "to": letter.recipient or (letter.target.name if letter.target else ""),
                "postcode_district": letter.postcode_district,
                "sent_at": _iso(letter.sent_at),
            }
            for letter in letters
        ],
        "campaign_updates": [
            {"title": u.title, "body": u.body, "created_at": _iso(u.created_at)}
            for u in CampaignUpdate.objects.filter(author=user)
        ],
    }


@receiver(platform_edited, dispatch_uid="campaigns_platform_edited")
def renew_campaign_pages(sender, plank, **kwargs) -> None:
    """A campaign's page names the objectives it works towards: a new title shows at once. Every
    campaign's kept page is renewed (one version, on commit); the platform is edited rarely."""
    CAMPAIGN_PAGES.invalidate()


@receiver(member_erased, dispatch_uid="campaigns_member_erased")
def forget_erased_member(sender, user, **kwargs) -> None:
    """The member's signatures still count, without their name, email or postcode; their
    letters stay counted without their postcode. Updates they wrote are by "a former member"."""
    for signature in Signature.objects.filter(email__iexact=user.email):
        signature.name = ""
        # Unique per petition, like a real address: the count stays one per signature.
        signature.email = f"signature-{signature.pk}@{ERASED_DOMAIN}"
        signature.postcode_district = ""
        signature.save(update_fields=["name", "email", "postcode_district"])
    LetterSent.objects.filter(sender=user).update(postcode_district="")


# The first page shows at most this many of each: campaigns, petitions, wins.
LANDING_ROWS = 4


@add_landing_section(order=40)
def campaigns_and_wins(request):
    """Live campaigns, open petitions and the latest wins, anyone may see them (three queries)."""
    context = {
        "campaigns": list(queries.live_campaigns()[:LANDING_ROWS]),
        "petitions": list(queries.open_petitions()[:LANDING_ROWS]),
        "wins": list(queries.recent_wins()[:LANDING_ROWS]),
    }
    return "campaigns/_landing_campaigns.html", context


# --- Retention (core.hooks.retention_rules) ---------------------------------------------------


def _forget_unverified_signatures(now) -> int:
    from groundwork.campaigns.actions import do_prune_unverified_signatures

    return do_prune_unverified_signatures()


def _forget_signers_of_finished_petitions(now) -> int:
    from groundwork.campaigns.actions import do_forget_signers_of_finished_petitions

    return do_forget_signers_of_finished_petitions(now)


add_retention_rule(
    RetentionRule(
        "Names and emails on confirmed signatures of people without an account",
        "a year after signing, once the petition is closed or its campaign won or lost",
        _forget_signers_of_finished_petitions,
    )
)

add_retention_rule(
    RetentionRule(
        "Petition signatures never confirmed (name, email, postcode district)",
        "until the confirmation link expires",
        _forget_unverified_signatures,
    )
)

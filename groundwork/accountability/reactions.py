"""How the accountability app connects to hooks of the apps to its left: the elected candidates
of a position's election take office as its ballot closes; a member who leaves a group stops
holding its positions; a recall ballot that waited for the tellers opens once they are ready;
a recall ballot that closes recalls the holder or not; a campaign's page
shows its pledges; a campaign's letter finds each writer's own MP or councillors."""

from typing import Any

from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

from groundwork.accountability import actions, queries
from groundwork.campaigns.hooks import (
    FoundRecipients,
    add_campaign_section,
    add_letter_target_finder,
)
from groundwork.campaigns.models import Campaign, Target
from groundwork.democracy.hooks import ballot_closed, tellers_ready
from groundwork.democracy.models import Ballot, Decision
from groundwork.groups.hooks import member_left
from groundwork.groups.models import Membership
from groundwork.members.hooks import add_personal_data_exporter


@receiver(ballot_closed, dispatch_uid="accountability.take_office")
def take_office(sender, *, ballot: Ballot, decision: Decision, **kwargs) -> None:
    """A closed ballot that fills a position puts its elected candidates in office, once."""
    actions.do_take_office(ballot, decision=decision)


@receiver(member_left, dispatch_uid="accountability.member_left")
def leave_positions(sender, *, membership: Membership, acting_user=None, **kwargs) -> None:
    """Whoever leaves a group, or is removed from it, no longer holds its positions."""
    actions.do_end_terms_of_leaver(membership, acting_user=acting_user)


@receiver(ballot_closed, dispatch_uid="accountability.recall_ballot_closed")
def settle_recall_ballot(sender, *, ballot: Ballot, decision: Decision, **kwargs) -> None:
    """A recall ballot closed: the holder is recalled or stays (do_settle_recall_ballot)."""
    actions.do_settle_recall_ballot(ballot)


@receiver(tellers_ready, dispatch_uid="accountability.open_waiting_recall_ballots")
def open_waiting_recall_ballots(sender, *, group, acting_user, **kwargs) -> None:
    """The body's tellers are ready: its recall ballots that waited for them open, once."""
    actions.do_open_recall_ballots_waiting_for_tellers(group, acting_user=acting_user)


@add_campaign_section
def campaign_pledges(request: HttpRequest, campaign: Campaign) -> tuple[str, dict[str, Any]] | None:
    """The campaign's pledges with their tallies and who broke them (four queries at most);
    nothing when it has none and the reader cannot write one."""
    pledges = list(queries.pledges_of(campaign))
    may_create = request.user.has_perm("accountability.create_pledge", campaign)
    if not pledges and not may_create:
        return None
    flags = queries.broken_pledges(queries.signed_answers_of(campaign)) if pledges else None
    rows = [
        (pledge, flags.names_by_pledge.get(pledge.pk, []) if flags else []) for pledge in pledges
    ]
    context = {"campaign": campaign, "rows": rows, "may_create": may_create}
    return "accountability/_campaign_pledges.html", context


@add_letter_target_finder
def own_representatives(
    targets: list[Target], *, postcode: str, district: str
) -> FoundRecipients | None:
    """The writer's own MP or ward councillors serving today, from their postcode (or every
    ward of its district), at the email address the register holds for them."""
    return queries.letter_recipients(
        targets, postcode=postcode, district=district, on=timezone.localdate()
    )


# --- Data rights (members' hooks) -------------------------------------------------------------


@add_personal_data_exporter
def accountability_personal_data(user) -> dict[str, list[dict]]:
    """The positions the member held, the elections they stood in, the recall petitions they
    signed. (Erasure needs nothing more here: leaving their groups ends their terms, through
    `member_left`, and an office held stays on the record, by "a former member".)"""
    from groundwork.accountability.models import Candidate, RecallSignature, Term

    return {
        "positions_held": [
            {
                "position": term.position.title,
                "from": term.starts_on.isoformat(),
                "until": term.ends_on.isoformat(),
            }
            for term in Term.objects.filter(holder=user).select_related("position")
        ],
        "candidacies": [
            {"ballot": candidate.option.ballot.title}
            for candidate in Candidate.objects.filter(user=user).select_related("option__ballot")
        ],
        "recall_petitions_signed": [
            # The position, not the holder: a download names nobody but its member.
            {
                "recall_of_position": signature.petition.term.position.title,
                "signed_at": signature.signed_at.isoformat(),
            }
            for signature in RecallSignature.objects.filter(user=user).select_related(
                "petition__term__position"
            )
        ],
    }

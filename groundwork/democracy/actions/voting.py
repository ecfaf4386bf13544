"""Casting and changing votes: one per elector, enforced by the database, secret where asked."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from groundwork.core.audit import record
from groundwork.core.errors import ActionError
from groundwork.democracy.models import Ballot, CastVote, Elector
from groundwork.members.models import User


def validate_content(ballot: Ballot, content: dict) -> dict:
    """The vote in its stored form, or an ActionError saying what is wrong with it."""
    positions = {option.position for option in ballot.options.all()}
    if ballot.method == Ballot.Method.MAJORITY:
        choice = content.get("choice")
        if choice not in {"yes", "no", "abstain"}:
            raise ActionError(_("Choose yes, no or abstain."), field="choice")
        return {"choice": choice}
    if ballot.method == Ballot.Method.APPROVAL:
        approved = content.get("approved") or []
        _check_known(approved, positions, field="approved")
        if len(set(approved)) != len(approved):
            raise ActionError(_("An option was chosen twice."), field="approved")
        if not approved:
            raise ActionError(_("Choose at least one option, or do not vote."), field="approved")
        return {"approved": sorted(approved)}
    ranking = content.get("ranking") or []
    _check_known(ranking, positions, field="ranking")
    if len(set(ranking)) != len(ranking):
        raise ActionError(
            _("Each candidate can have only one rank, and each rank only one candidate."),
            field="ranking",
        )
    if not ranking:
        raise ActionError(_("Rank at least one candidate, or do not vote."), field="ranking")
    return {"ranking": list(ranking)}


def _check_known(chosen: list, positions: set[int], *, field: str) -> None:
    for item in chosen:
        if not isinstance(item, int) or item not in positions:
            raise ActionError(_("That is not one of the ballot's options."), field=field)


def _check_open(ballot: Ballot) -> None:
    if ballot.status != Ballot.Status.OPEN:
        raise ActionError(_("This ballot is not open for voting."))
    if ballot.closes_at <= timezone.now():
        closed = timezone.localtime(ballot.closes_at)
        raise ActionError(
            _("This ballot closed at %(time)s on %(date)s.")
            % {"time": date_format(closed, "H:i"), "date": date_format(closed, "j F Y")}
        )


@transaction.atomic
def check_cast_vote(ballot: Ballot, *, content: dict, acting_user: User) -> str:
    """Record the member's vote once and return their receipt code.

    The elector row is marked first with a conditional UPDATE, so of any number of simultaneous
    submissions exactly one finds it unmarked; the others are told they have already voted.
    """
    _check_open(ballot)
    vote = validate_content(ballot, content)
    today = timezone.localdate()
    marked = Elector.objects.filter(ballot=ballot, user=acting_user, voted_on=None).update(
        voted_on=today
    )
    if not marked:
        if Elector.objects.filter(ballot=ballot, user=acting_user).exists():
            raise ActionError(_("You have already voted in this ballot."))
        raise ActionError(_("You are not in this ballot's electorate."))
    weight = (
        Elector.objects.filter(ballot=ballot, user=acting_user)
        .values_list("weight", flat=True)
        .get()
    )
    cast = CastVote.objects.create(
        ballot=ballot, content=vote, weight=weight, voter=None if ballot.secret else acting_user
    )
    Ballot.objects.filter(pk=ballot.pk).update(votes_cast=F("votes_cast") + 1)
    # The audit log says that the member voted, never what: the vote itself is not the target.
    record(actor=acting_user, verb="ballot.voted", target=ballot, group_id=ballot.group_id)
    return cast.receipt


@transaction.atomic
def check_change_vote(ballot: Ballot, *, receipt: str, content: dict, acting_user: User) -> str:
    """Replace the member's vote before the close; a secret vote is found only by its receipt.

    The receipt is the only key to a secret vote, so an elector who learned another voter's
    receipt before the close could change that vote. Receipts are shown once, to the voter, and
    published only after the close (when changes stop); that is the price of unlinkability.
    """
    _check_open(ballot)
    if not ballot.allow_change:
        raise ActionError(_("Votes in this ballot cannot be changed once cast."))
    if not Elector.objects.filter(ballot=ballot, user=acting_user, voted_on__isnull=False).exists():
        raise ActionError(_("You have not voted in this ballot yet."))
    vote = validate_content(ballot, content)
    votes = CastVote.objects.select_for_update().filter(ballot=ballot)
    cast = (
        votes.filter(receipt=receipt.strip().upper()).first()
        if ballot.secret
        else votes.filter(voter=acting_user).first()
    )
    if cast is None:
        raise ActionError(
            _("No vote has that receipt code. Check the code you were given."), field="receipt"
        )
    cast.content = vote
    cast.save(update_fields=["content"])
    record(actor=acting_user, verb="ballot.vote_changed", target=ballot, group_id=ballot.group_id)
    return cast.receipt

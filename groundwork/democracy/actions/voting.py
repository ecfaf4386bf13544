"""Casting and changing votes: one per elector, enforced by the database, sealed where secret.

A secret vote is encoded and sealed to the ballot's public key before it touches the database
(`ballot_box`), so whatever links an elector to the row links them to nothing readable. Nothing
per member goes to the audit log: only how many votes (and changes) each day (`VotingDay`).
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from groundwork.core.errors import ActionError
from groundwork.democracy import ballot_box
from groundwork.democracy.models import Ballot, CastVote, Elector, SealedVote, VotingDay
from groundwork.members.hooks import member_home_changed
from groundwork.members.models import User


def validate_content(ballot: Ballot, content: dict) -> dict:
    """The vote in its stored form, or an ActionError saying what is wrong with it."""
    if ballot.method == Ballot.Method.MAJORITY:
        choice = content.get("choice")
        if choice not in {"yes", "no", "abstain"}:
            raise ActionError(_("Choose yes, no or abstain."), field="choice")
        return {"choice": choice}
    positions = {option.position for option in ballot.options.all()}
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


def _count_the_day(ballot: Ballot, field: str) -> None:
    """Add one to today's count of votes (or changes): the only record of when people voted."""
    day = timezone.localdate()
    if VotingDay.objects.filter(ballot=ballot, day=day).update(**{field: F(field) + 1}):
        return
    try:
        with transaction.atomic():
            VotingDay.objects.create(ballot=ballot, day=day, **{field: 1})
    except IntegrityError:  # another vote made today's row first
        VotingDay.objects.filter(ballot=ballot, day=day).update(**{field: F(field) + 1})


def _seal(ballot: Ballot, vote: dict, *, weight: int) -> tuple[bytes, str]:
    """The vote sealed to the ballot's public key, and its tracker."""
    plain = ballot_box.encode_vote(vote, weight=weight, options=ballot.options.count())
    ciphertext = ballot_box.seal_vote(plain, bytes(ballot.box_public_key))  # type: ignore[arg-type]
    return ciphertext, ballot_box.tracker(ciphertext)


@transaction.atomic
def check_cast_vote(ballot: Ballot, *, content: dict, acting_user: User) -> str | None:
    """Record the member's vote once; return its tracker in a secret ballot (None in a roll call).

    The elector row is marked first with a conditional UPDATE, so of any number of simultaneous
    submissions exactly one finds it unmarked; the others are told they have already voted.
    """
    _check_open(ballot)
    vote = validate_content(ballot, content)
    marked = Elector.objects.filter(ballot=ballot, user=acting_user, voted_on=None).update(
        voted_on=timezone.localdate()
    )
    if not marked:
        if Elector.objects.filter(ballot=ballot, user=acting_user).exists():
            raise ActionError(_("You have already voted in this ballot."))
        raise ActionError(_("You are not in this ballot's electorate."))
    member_home_changed(acting_user.pk)  # the ballots waiting for their vote
    elector_id, weight = (
        Elector.objects.filter(ballot=ballot, user=acting_user).values_list("pk", "weight").get()
    )
    tracker = None
    if ballot.secret:
        ciphertext, tracker = _seal(ballot, vote, weight=weight)
        SealedVote.objects.create(
            ballot=ballot, elector_id=elector_id, ciphertext=ciphertext, tracker=tracker
        )
    else:
        CastVote.objects.create(ballot=ballot, content=vote, weight=weight, voter=acting_user)
    Ballot.objects.filter(pk=ballot.pk).update(votes_cast=F("votes_cast") + 1)
    _count_the_day(ballot, "votes")
    if ballot.close_when_all_voted:
        _close_if_everyone_voted(ballot)
    return tracker


def _close_if_everyone_voted(ballot: Ballot) -> None:
    """After the last elector's vote, ask the closing job to stop voting now.

    The UPDATE of `votes_cast` above holds the ballot's row until this transaction ends, so the
    votes are counted one after another: exactly one of them reads the count that completes the
    electorate, however many arrive at once. The close itself runs in the job, in a transaction
    of its own that touches no elector (docs/secret-ballots.md); it is idempotent as well."""
    from groundwork.democracy import tasks

    cast = Ballot.objects.filter(pk=ballot.pk).values_list("votes_cast", flat=True).get()
    if cast >= ballot.electorate_size:
        transaction.on_commit(lambda: tasks.close_ballot_at_deadline.enqueue(ballot.pk))


@transaction.atomic
def check_change_vote(ballot: Ballot, *, content: dict, acting_user: User) -> str | None:
    """Replace the member's vote before the close, by the same sealed path; return the new
    tracker in a secret ballot (the old one leaves the box)."""
    _check_open(ballot)
    if not ballot.allow_change:
        raise ActionError(_("Votes in this ballot cannot be changed once cast."))
    elector = Elector.objects.filter(
        ballot=ballot, user=acting_user, voted_on__isnull=False
    ).first()
    if elector is None:
        raise ActionError(_("You have not voted in this ballot yet."))
    vote = validate_content(ballot, content)
    tracker = None
    if ballot.secret:
        ciphertext, tracker = _seal(ballot, vote, weight=elector.weight)
        SealedVote.objects.filter(elector=elector).update(ciphertext=ciphertext, tracker=tracker)
    else:
        CastVote.objects.filter(ballot=ballot, voter=acting_user).update(content=vote)
    _count_the_day(ballot, "changes")
    return tracker

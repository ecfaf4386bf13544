"""Closing ballots at their deadline, opening the sealed box with the tellers' shares, counting,
publishing the result and the decision, and settling the proposal or amendment put to the vote.

A roll-call ballot is counted as voting closes. A secret ballot waits, sealed, until enough
tellers have given their shares (`check_give_share`); then a job rebuilds the box key in memory,
opens every vote, writes the plaintext votes shuffled in one transaction that touches no elector,
counts them, and deletes the shares, so the key is gone.
"""

import hashlib
import json
import os
import random
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Protocol

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.core.audit import record
from groundwork.core.text import fit_to_field
from groundwork.democracy import ballot_box, counting, hooks
from groundwork.democracy.actions.tellers import do_ask_tellers_for_shares, server_secret
from groundwork.democracy.models import (
    Amendment,
    Ballot,
    CastVote,
    Decision,
    KeyShare,
    Proposal,
    SealedVote,
)
from groundwork.groups.hooks import group_page_changed
from groundwork.members.models import User


@dataclass(frozen=True, slots=True)
class OpenedVote:
    """A vote as the count reads it: what a `CastVote` holds, without a model instance (250,000
    model instances would cost the count seconds it does not have)."""

    content: dict
    weight: int


class Countable(Protocol):
    """A vote the count can read: a stored `CastVote` or an `OpenedVote`."""

    @property
    def content(self) -> dict: ...
    @property
    def weight(self) -> int: ...


def lot_seed(ballot: Ballot, votes: Sequence[Countable]) -> str:
    """The public seed a tie by lot is drawn from, fixed when voting closed and before anyone
    could read a vote: the SHA-256 of the ballot's trackers, sorted, one per line (of the votes
    themselves in a roll call). Anyone can recompute it from the published lists."""
    if ballot.secret and ballot.box_public_key:
        lines = sorted(SealedVote.objects.filter(ballot=ballot).values_list("tracker", flat=True))
    else:
        lines = sorted(json.dumps([v.content, v.weight], sort_keys=True) for v in votes)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


# Every column of CastVote, in the order `write_opened_votes` sends them (a test checks the list
# against the model, so a new column cannot be left out of the COPY unnoticed).
COPY_COLUMNS = ("id", "ballot_id", "content", "weight", "voter_id")


def random_ids(count: int) -> list[str]:
    """`count` random (version 4) UUIDs in hex, from one read of the system's randomness: what
    `uuid.uuid4()` makes, without a system call per vote."""
    raw = bytearray(os.urandom(16 * count))
    raw[6::16] = bytes(byte & 0x0F | 0x40 for byte in raw[6::16])
    raw[8::16] = bytes(byte & 0x3F | 0x80 for byte in raw[8::16])
    return [raw[start : start + 16].hex() for start in range(0, len(raw), 16)]


def write_opened_votes(ballot: Ballot, votes: Sequence[OpenedVote]) -> None:
    """Write a secret ballot's opened votes, with no voter and random ids, in the order of the
    list and in the caller's transaction: with COPY on PostgreSQL (250,000 votes in about 5 s
    here, bench/RESULTS.md), else with bulk_create."""
    if connection.vendor != "postgresql":
        CastVote.objects.bulk_create(
            (CastVote(ballot=ballot, content=v.content, weight=v.weight) for v in votes),
            batch_size=2000,
        )
        return
    columns = ", ".join(connection.ops.quote_name(column) for column in COPY_COLUMNS)
    table = connection.ops.quote_name(CastVote._meta.db_table)
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for vote, vote_id in zip(votes, random_ids(len(votes)), strict=True):
            copy.write_row((vote_id, ballot.pk, json.dumps(vote.content), vote.weight, None))


def count_votes(ballot: Ballot, votes: Sequence[Countable]) -> dict:
    """Count the ballot with the counting package and return the published result."""
    cast_weight = sum(vote.weight for vote in votes)
    quorum = Fraction(str(ballot.quorum))
    quorum_met = cast_weight >= quorum * ballot.electorate_weight
    summary = {
        "electorate": ballot.electorate_size,
        "electorate_weight": ballot.electorate_weight,
        "votes_cast": len(votes),
        "weight_cast": cast_weight,
        "turnout": f"{Fraction(cast_weight, ballot.electorate_weight or 1) * 100:.1f}"
        if ballot.electorate_weight
        else "0.0",
        "quorum": str(ballot.quorum),
        "quorum_met": quorum_met,
    }
    if ballot.method == Ballot.Method.MAJORITY:
        tally = {"yes": 0, "no": 0, "abstain": 0}
        for vote in votes:
            tally[vote.content["choice"]] += vote.weight
        result = counting.decide_majority(
            **tally,
            electorate=ballot.electorate_weight,
            quorum=quorum,
            threshold=Fraction(ballot.threshold),
        )
        return summary | {
            "count": counting.to_data(result),
            "passed": result.passed,
            "reason": result.reason,
        }
    options = list(ballot.options.all())
    key = "approved" if ballot.method == Ballot.Method.APPROVAL else "ranking"
    election = counting.Election(
        candidates=tuple(option.label for option in options),
        ballots=tuple(
            counting.Ballot(ranking=tuple(v.content[key]), weight=v.weight) for v in votes
        ),
        seats=ballot.seats,
        title=ballot.title,
        default_option=next((o.position for o in options if o.is_none_of_the_above), None),
        lot_seed=lot_seed(ballot, votes),
    )
    counters: dict[str, counting.Counter] = {
        Ballot.Method.APPROVAL: counting.count_approval,
        Ballot.Method.IRV: counting.count_irv,
        Ballot.Method.STV_SCOTTISH: counting.count_scottish_stv,
        Ballot.Method.STV_MEEK: counting.count_meek_stv,
        Ballot.Method.SCHULZE: counting.count_schulze,
    }
    data = (
        counting.to_data(counters[ballot.method](election))
        if votes
        else {"elected": [], "stages": None}
    )
    return summary | {
        "count": data,
        "passed": quorum_met and bool(data.get("elected") or data.get("ranking")),
    }


def _decision_summary(ballot: Ballot, result: dict) -> str:
    """The decision log's line: stored, so it stays in the language it was written in."""
    title = {"title": ballot.title}
    if not result["quorum_met"]:
        return _("%(title)s: not decided, the quorum was not met.") % title
    if ballot.method == Ballot.Method.MAJORITY:
        if result["passed"]:
            return _("%(title)s: carried.") % title
        return _("%(title)s: not carried.") % title
    count = result["count"]
    if count.get("ranking"):
        return _("%(title)s: %(first)s first.") % (title | {"first": count["ranking"][0]})
    if not count.get("elected"):
        return _("%(title)s: elected nobody.") % title
    return _("%(title)s: elected %(names)s.") % (title | {"names": ", ".join(count["elected"])})


def everyone_has_voted(ballot: Ballot) -> bool:
    """The ballot was opened to close early, and every elector has voted."""
    return ballot.close_when_all_voted and ballot.votes_cast >= ballot.electorate_size


def is_due_to_close(ballot: Ballot) -> bool:
    """Voting should stop now: the deadline has passed, or everyone has voted in a ballot opened
    to close early."""
    return ballot.closes_at <= timezone.now() or everyone_has_voted(ballot)


@transaction.atomic
def do_close_ballot(ballot: Ballot, *, acting_user: User | None = None) -> Ballot:
    """Stop voting at the deadline (or once everyone has voted, if the ballot was opened so):
    count a roll call at once; a secret ballot waits, sealed, for its tellers' shares."""
    ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
    if ballot.status != Ballot.Status.OPEN or not is_due_to_close(ballot):
        return ballot
    ballot.closed_at = timezone.now()
    if ballot.secret and ballot.box_public_key:
        ballot.status = Ballot.Status.COUNTING
        ballot.save(update_fields=["status", "closed_at", "updated_at"])
        group_page_changed(ballot.group_id)  # its open ballots
        days = {str(day.day): day.votes for day in ballot.voting_days.all()}
        record(
            actor=acting_user,
            verb="ballot.voting_closed",
            target=ballot,
            group_id=ballot.group_id,
            new={"votes_cast": ballot.votes_cast, "votes_by_day": days}
            | ({"everyone_voted": True} if everyone_has_voted(ballot) else {}),
        )
        transaction.on_commit(lambda: do_ask_tellers_for_shares(ballot))
        return ballot
    _publish(ballot, list(CastVote.objects.filter(ballot=ballot)), acting_user=acting_user)
    return ballot


@transaction.atomic
def do_count_sealed_ballot(ballot: Ballot) -> str:
    """Open a secret ballot's box with the tellers' shares, count it and publish; returns what
    happened. Run by the job that the last needed share enqueues; safe to run again."""
    ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
    if ballot.status != Ballot.Status.COUNTING:
        return "nothing to do"
    shares = list(KeyShare.objects.filter(ballot=ballot, given_at__isnull=False))
    if len(shares) < ballot.shares_needed:
        return "waiting for the tellers"
    try:
        key = ballot_box.rebuild_box_key(
            (
                ballot_box.release_given_share(bytes(s.given_share or b""), server_secret())
                for s in shares
            ),
            bytes(ballot.box_public_key),  # type: ignore[arg-type]
        )
    except ballot_box.BoxError as error:
        KeyShare.objects.filter(ballot=ballot).update(given_share=None, given_at=None)
        record(
            actor=None,
            verb="ballot.shares_refused",
            target=ballot,
            group_id=ballot.group_id,
            new={"why": error.code},
        )
        transaction.on_commit(lambda: do_ask_tellers_for_shares(ballot, again=True))
        return "the shares did not open the box"
    sealed = SealedVote.objects.filter(ballot=ballot).values_list("ciphertext", flat=True)
    plain = ballot_box.open_votes((bytes(c) for c in sealed.iterator(chunk_size=5000)), key)
    del key
    majority = ballot.method == Ballot.Method.MAJORITY
    listed_as = "approved" if ballot.method == Ballot.Method.APPROVAL else "ranking"
    votes = [
        OpenedVote(*ballot_box.decode_vote(vote, method_is_majority=majority, key=listed_as))
        for vote in plain
    ]
    # Written in random order, with random ids, in this one transaction: neither the rows'
    # positions nor their transaction id say anything about who voted which.
    random.SystemRandom().shuffle(votes)
    write_opened_votes(ballot, votes)
    KeyShare.objects.filter(ballot=ballot).delete()
    _publish(ballot, votes, acting_user=None)
    return "counted"


def _publish(ballot: Ballot, votes: Sequence[Countable], *, acting_user: User | None) -> None:
    """Count, publish the result and the decision, and settle what was put to the vote."""
    result = count_votes(ballot, votes)
    ballot.status = Ballot.Status.CLOSED
    ballot.result = result
    ballot.save(update_fields=["status", "closed_at", "result", "updated_at"])
    group_page_changed(ballot.group_id)  # its open ballots, proposals and decisions
    summary = _decision_summary(ballot, result)
    decision = Decision.objects.create(
        group=ballot.group,
        ballot=ballot,
        proposal=ballot.proposal,
        summary=fit_to_field(Decision, "summary", summary),
        decided_at=ballot.closed_at or timezone.now(),
    )
    _settle_proposal(ballot, passed=result["passed"] and result["quorum_met"], summary=summary)
    record(
        actor=acting_user,
        verb="ballot.closed",
        target=ballot,
        group_id=ballot.group_id,
        new={"summary": summary, "turnout": result["turnout"]},
    )
    hooks.ballot_closed.send(sender=Ballot, ballot=ballot, decision=decision)


def _settle_proposal(ballot: Ballot, *, passed: bool, summary: str) -> None:
    amendment = ballot.amendment  # no query when the ballot is on no amendment
    if amendment is not None:
        amendment.status = Amendment.Status.CARRIED if passed else Amendment.Status.FALLEN
        amendment.save(update_fields=["status", "updated_at"])
        if passed:
            Proposal.objects.filter(pk=amendment.proposal_id).update(body=amendment.new_body)
        return
    if ballot.proposal_id:
        Proposal.objects.filter(pk=ballot.proposal_id).update(
            status=Proposal.Status.DECIDED,
            outcome=fit_to_field(Proposal, "outcome", summary),
            decided_at=ballot.closed_at,
        )


def do_close_ballot_at_deadline(ballot: Ballot) -> str:
    """The closing job's work: close the open ballot once its deadline has passed (or everyone has
    voted in one opened to close early); if the deadline moved later, schedule the job again for
    then. Returns what happened."""
    from groundwork.democracy import tasks

    if ballot.status != Ballot.Status.OPEN:
        return "nothing to do"
    if not is_due_to_close(ballot):
        tasks.schedule_ballot_closing(ballot)
        return "rescheduled"
    do_close_ballot(ballot)
    return "closed"

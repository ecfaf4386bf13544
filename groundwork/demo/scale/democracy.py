"""Ballots and votes at national scale for benchmarks, which `generate_scale` adds over the groups.

The dataset DESIGN.md asks to design for: 10,000 ballots and 2 million votes. Most ballots belong
to a group and its members are their electorate; a few are alliance-wide (every member once).
Half of them are closed, counted by the same `count_votes` the closing job uses, with their
decision logged; the rest are open. Electors are snapshotted by one INSERT … SELECT (as opening a
ballot does). Each voter's sealed vote is random bytes of a real sealed vote's length with its
tracker: the pages read trackers and sizes, never open a box, and encrypting two million votes
would cost minutes for nothing. So the open ballots here cannot be counted (their box key is
nobody's); a closed ballot's counted votes are bulk-inserted with no link to their voter, as the
count writes them. Every row is made up and the whole run is one transaction (the command's).
"""

import random
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

from django.db import connection
from django.db.models import Count
from django.utils import timezone

from groundwork.democracy import ballot_box
from groundwork.democracy.actions.closing import count_votes
from groundwork.democracy.models import Ballot, CastVote, Decision, Elector, Option, SealedVote
from groundwork.groups.models import Membership

CHUNK = 5000
# What a sealed box adds to the vote it seals: an ephemeral public key and a MAC.
SEALED_OVERHEAD = 48
# How often each counting method appears, and how many options its ballots offer.
METHODS = [
    (Ballot.Method.MAJORITY, 50),
    (Ballot.Method.APPROVAL, 15),
    (Ballot.Method.IRV, 10),
    (Ballot.Method.STV_SCOTTISH, 15),
    (Ballot.Method.SCHULZE, 10),
]
CANDIDATES = [
    "Amira Okafor", "Ben Hallam", "Ceri Jones", "Deepa Raman", "Eilidh Ross", "Femi Adebayo",
    "Gwen Price", "Hamza Iqbal", "Isla Murray", "Jonah Reid", "Kiran Shah", "Lowri Evans",
]  # fmt: skip
TOPICS = [
    "Council housing campaign plan", "Delegates to the regional assembly", "Budget for the food bank",
    "Officers of the group", "Affiliation to the trades council", "Priorities for the winter",
]  # fmt: skip
ALLIANCE_SHARE = 0.0005  # 1 ballot in 2,000 is alliance-wide: 5 of 10,000


def add_scale_ballots(
    *,
    group_ids: list[int],
    ballots: int,
    votes: int,
    seed: int,
    progress: Callable[[str, int, int], None],
) -> int:
    """`ballots` ballots holding about `votes` votes in all; returns the number of votes written."""
    total = int(ballots or 0)
    wanted_votes = int(votes or 0)
    if not total or not group_ids:
        return 0
    rng = random.Random(seed)
    now = timezone.now()
    made, positions = _create_ballots(rng, total, group_ids, now)
    _snapshot_electorates(made)
    electorate = dict(
        Elector.objects.filter(ballot__in=made)
        .values_list("ballot_id")
        .annotate(size=Count("id"))
        .order_by()
    )
    all_electors = sum(electorate.values()) or 1
    turnout = min(0.95, wanted_votes / all_electors)
    written = 0
    for done, ballot in enumerate(made, start=1):
        size = electorate.get(ballot.pk, 0)
        voters = round(size * turnout)
        written += _vote(rng, ballot, positions.get(ballot.pk, []), size, voters, now)
        if done % 100 == 0 or done == len(made):
            progress("ballots", done, len(made))
    return written


def _create_ballots(
    rng: random.Random, total: int, group_ids: list[int], now: datetime
) -> tuple[list[Ballot], dict[int, list[int]]]:
    """The ballots, and each one's option positions by its key."""
    alliance_wide = max(1, round(total * ALLIANCE_SHARE))
    methods, weights = zip(*METHODS, strict=True)
    ballots = []
    for index in range(total):
        method = rng.choices(methods, weights)[0]
        closed = index % 2 == 0
        group_id = None if index < alliance_wide else group_ids[index % len(group_ids)]
        seats = rng.randint(2, 4) if method == Ballot.Method.STV_SCOTTISH else 1
        ballots.append(
            Ballot(
                group_id=group_id,
                title=f"{rng.choice(TOPICS)} ({index + 1})",
                method=method,
                seats=seats,
                quorum="0.25" if method == Ballot.Method.MAJORITY else "0",
                electorate=Ballot.Electorate.GROUP if group_id else Ballot.Electorate.ALLIANCE,
                secret=True,
                box_public_key=rng.randbytes(32),
                shares_needed=1,
                status=Ballot.Status.OPEN,
                opens_at=now - timedelta(days=rng.randint(15, 400) if closed else 2),
                closes_at=now + timedelta(days=rng.randint(3, 21)),
            )
        )
    Ballot.objects.bulk_create(ballots, batch_size=CHUNK)
    options = Option.objects.bulk_create(_options(rng, ballots), batch_size=CHUNK)
    positions: dict[int, list[int]] = {}
    for option in options:
        positions.setdefault(option.ballot_id, []).append(option.position)
    return ballots, positions


def _options(rng: random.Random, ballots: list[Ballot]) -> list[Option]:
    return list(_each_option(rng, ballots))


def _each_option(rng: random.Random, ballots: list[Ballot]) -> Iterator[Option]:
    for ballot in ballots:
        if ballot.method == Ballot.Method.MAJORITY:
            continue
        count = rng.randint(max(3, ballot.seats + 1), 8)
        for position, label in enumerate(rng.sample(CANDIDATES, count)):
            yield Option(ballot=ballot, label=label, position=position)


def _snapshot_electorates(ballots: list[Ballot]) -> None:
    """Each group ballot's electors are its group's members; alliance ballots have every member."""
    electors, members = Elector._meta.db_table, Membership._meta.db_table
    ballot_ids = [b.pk for b in ballots if b.group_id]
    alliance_ids = [b.pk for b in ballots if not b.group_id]
    with connection.cursor() as cursor:
        for start in range(0, len(ballot_ids), CHUNK):
            chunk = ballot_ids[start : start + CHUNK]
            cursor.execute(
                f"INSERT INTO {electors} (ballot_id, user_id, weight, voted_on) "
                f"SELECT b.id, m.user_id, 1, NULL FROM {Ballot._meta.db_table} b "
                f"JOIN {members} m ON m.group_id = b.group_id "
                f"WHERE b.id IN ({', '.join(['%s'] * len(chunk))})",
                chunk,
            )
        for ballot_id in alliance_ids:
            cursor.execute(
                f"INSERT INTO {electors} (ballot_id, user_id, weight, voted_on) "
                f"SELECT %s, user_id, 1, NULL FROM {members} GROUP BY user_id",
                [ballot_id],
            )


def _vote(
    rng: random.Random, ballot: Ballot, positions: list[int], size: int, voters: int, now: datetime
) -> int:
    """`voters` of the ballot's electors vote; a closed ballot is then counted and logged."""
    opens_at = ballot.opens_at
    assert opens_at is not None  # every ballot made here has opened
    votes = [
        CastVote(
            id=uuid.UUID(int=rng.getrandbits(128), version=4),
            ballot=ballot,
            content=_content(rng, ballot, positions),
        )
        for _ in range(voters)
    ]
    # Marking the first `voters` by member walks the (ballot, user) unique index; ordering by id
    # would scan the whole table per ballot.
    voted_on = (opens_at + timedelta(days=1)).date()
    first_ids = list(
        Elector.objects.filter(ballot=ballot)
        .order_by("user_id")
        .values_list("id", flat=True)[:voters]
    )
    Elector.objects.filter(id__in=first_ids).update(voted_on=voted_on)
    length = SEALED_OVERHEAD + ballot_box.vote_length(len(positions))
    sealed = [rng.randbytes(length) for _ in first_ids]
    SealedVote.objects.bulk_create(
        (
            SealedVote(
                id=uuid.UUID(int=rng.getrandbits(128), version=4),
                ballot=ballot,
                elector_id=elector_id,
                ciphertext=ciphertext,
                tracker=ballot_box.tracker(ciphertext),
            )
            for elector_id, ciphertext in zip(first_ids, sealed, strict=True)
        ),
        batch_size=CHUNK,
    )
    ballot.electorate_size = ballot.electorate_weight = size
    ballot.votes_cast = voters
    fields = ["electorate_size", "electorate_weight", "votes_cast"]
    if opens_at < now - timedelta(days=7):
        ballot.closes_at = opens_at + timedelta(days=7)
        ballot.status, ballot.closed_at = Ballot.Status.CLOSED, ballot.closes_at
        ballot.result = count_votes(ballot, votes)
        CastVote.objects.bulk_create(votes, batch_size=CHUNK)
        fields += ["closes_at", "status", "closed_at", "result"]
        Decision.objects.create(
            group_id=ballot.group_id,
            ballot=ballot,
            summary=f"{ballot.title}: counted ({ballot.result['turnout']}% turnout).",
            decided_at=ballot.closed_at,
        )
    Ballot.objects.filter(pk=ballot.pk).update(**{name: getattr(ballot, name) for name in fields})
    return voters


def _content(rng: random.Random, ballot: Ballot, options: list[int]) -> dict:
    if ballot.method == Ballot.Method.MAJORITY:
        return {"choice": rng.choices(("yes", "no", "abstain"), (55, 38, 7))[0]}
    if ballot.method == Ballot.Method.APPROVAL:
        return {"approved": sorted(rng.sample(options, rng.randint(1, len(options))))}
    ranking = rng.sample(options, len(options))
    return {"ranking": ranking[: rng.randint(1, len(ranking))]}

"""The votes the secrecy tests attack: a real secret ballot cast through the project's actions, and
a careless ballot box written by the test itself that the attack must break.

Every voter's true vote differs from every other's (and from every vote changed away from), so a
link to a content names one voter's vote and nothing else.
"""

import hashlib
import itertools
import json
import os
import random
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from groundwork.democracy import actions
from groundwork.democracy.models import Ballot
from groundwork.democracy.tests.factories import fast_forward_past_deadline, open_ballot
from groundwork.groups.models import Group
from groundwork.groups.tests.factories import UserFactory, join
from groundwork.members.models import User
from tests.secrecy.attacker import canonical

VOTERS = 16
CANDIDATES = ["Ash", "Birch", "Cedar", "Damson", "Elder"]
# Positions in the voting order of the voters who change their vote once everyone has voted.
CHANGING = (2, 5, 9, 13)


def distinct_rankings(count: int) -> list[list[int]]:
    """`count` different full rankings of the candidates, spread over all of them."""
    every = list(itertools.permutations(range(len(CANDIDATES))))
    step = len(every) // count
    return [list(every[index * step]) for index in range(count)]


def voting_order(count: int) -> list[int]:
    """Who votes when, as indexes into the order the voters joined: 7i + 3 (mod 16) fixes no
    index, so joining (or elector) order and voting order never agree by construction."""
    return [(7 * index + 3) % count for index in range(count)]


@dataclass
class Run:
    """A ballot and what its voters truly voted, by user id (canonical content)."""

    ballot: Ballot
    voters: list[User]
    truth: dict[int, str]
    opened_at: datetime


def secret_ballot_voted_and_changed(group: Group, organiser: User) -> Run:
    """Open a secret ranked ballot, have 16 members vote in turn, and 4 of them change their vote;
    the ballot stays open."""
    voters = [UserFactory(display_name=f"Voter {n}") for n in range(VOTERS)]
    for voter in voters:
        join(group, voter)
    opened_at = timezone.now()
    ballot = open_ballot(
        group, organiser, title="Delegate to conference", method="irv", options=CANDIDATES
    )
    rankings = distinct_rankings(VOTERS + len(CHANGING))
    first_votes, changed_votes = rankings[:VOTERS], iter(rankings[VOTERS:])
    truth = {}
    for position, index in enumerate(voting_order(VOTERS)):
        voter = voters[index]
        actions.check_cast_vote(
            ballot, content={"ranking": first_votes[position]}, acting_user=voter
        )
        truth[voter.pk] = canonical({"ranking": first_votes[position]})
    for position in CHANGING:
        voter = voters[voting_order(VOTERS)[position]]
        ranking = next(changed_votes)
        actions.check_change_vote(ballot, content={"ranking": ranking}, acting_user=voter)
        truth[voter.pk] = canonical({"ranking": ranking})
    return Run(ballot=ballot, voters=voters, truth=truth, opened_at=opened_at)


def close(run: Run) -> None:
    """Close the ballot as the jobs do once its deadline has passed: voting stops, the tellers
    give their shares, and the count opens the box."""
    ballot = fast_forward_past_deadline(run.ballot)
    assert ballot.status == Ballot.Status.CLOSED


# The control boxes, written by the test in raw SQL so that they keep their meaning whatever the
# app's schema becomes. Both mark the elector in the vote's own transaction and store plaintext
# without any voter. The careless box stores the plaintext then and there, and logs the voter; the
# sealed box stores only random bytes (standing for a ciphertext) with their tracker, and writes
# the plaintext at the count, shuffled, in one transaction, as issue #11 asks.
CONTROL_TABLES = (
    "control_log",
    "control_ballot",
    "control_tracker",
    "control_counter",
    "control_sealed",
    "control_elector",
)
CONTROL_SQL = {
    "postgresql": (
        "CREATE TABLE control_elector (id bigserial PRIMARY KEY,"
        " user_id bigint NOT NULL REFERENCES {users} (id), voted_on date)",
        "CREATE TABLE control_ballot (id uuid PRIMARY KEY, content jsonb NOT NULL)",
        "CREATE TABLE control_log (id bigserial PRIMARY KEY,"
        " actor_id bigint REFERENCES {users} (id), acted_at timestamptz NOT NULL)",
        "CREATE TABLE control_sealed (id bigserial PRIMARY KEY, elector_id bigint NOT NULL"
        " UNIQUE REFERENCES control_elector (id), ciphertext bytea NOT NULL, tracker text NOT NULL)",
        "CREATE TABLE control_tracker (id bigserial PRIMARY KEY, tracker text NOT NULL)",
        "CREATE TABLE control_counter (day date PRIMARY KEY, votes integer NOT NULL)",
    ),
    "sqlite": (
        "CREATE TABLE control_elector (id integer PRIMARY KEY AUTOINCREMENT,"
        " user_id bigint NOT NULL REFERENCES {users} (id), voted_on date)",
        "CREATE TABLE control_ballot (id char(32) PRIMARY KEY, content text NOT NULL)",
        "CREATE TABLE control_log (id integer PRIMARY KEY AUTOINCREMENT,"
        " actor_id bigint REFERENCES {users} (id), acted_at datetime NOT NULL)",
        "CREATE TABLE control_sealed (id integer PRIMARY KEY AUTOINCREMENT, elector_id bigint"
        " NOT NULL UNIQUE REFERENCES control_elector (id), ciphertext blob NOT NULL,"
        " tracker varchar(64) NOT NULL)",
        "CREATE TABLE control_tracker (id integer PRIMARY KEY AUTOINCREMENT,"
        " tracker varchar(64) NOT NULL)",
        "CREATE TABLE control_counter (day date PRIMARY KEY, votes integer NOT NULL)",
    ),
}


def create_control_tables() -> None:
    users = connection.ops.quote_name(get_user_model()._meta.db_table)
    with connection.cursor() as cursor:
        for statement in CONTROL_SQL[connection.vendor]:
            cursor.execute(statement.format(users=users))


def drop_control_tables() -> None:
    with connection.cursor() as cursor:
        for table in CONTROL_TABLES:
            cursor.execute(f"DROP TABLE IF EXISTS {table}")


def _store_plaintext(cursor: Any, content: str) -> None:
    key = uuid.uuid4()
    if connection.vendor == "postgresql":
        cursor.execute(
            "INSERT INTO control_ballot (id, content) VALUES (%s, %s::jsonb)", [str(key), content]
        )
    else:
        cursor.execute(
            "INSERT INTO control_ballot (id, content) VALUES (%s, %s)", [key.hex, content]
        )


def _enrol(voters: list[User]) -> None:
    """The electorate, fixed as the ballot opens, in the order the voters joined."""
    with connection.cursor() as cursor:
        for voter in voters:
            cursor.execute("INSERT INTO control_elector (user_id) VALUES (%s)", [voter.pk])


def _mark(cursor: Any, voter: User) -> None:
    today = connection.ops.adapt_datefield_value(timezone.localdate())
    cursor.execute("UPDATE control_elector SET voted_on = %s WHERE user_id = %s", [today, voter.pk])


def careless_votes(voters: list[User]) -> dict[int, str]:
    """Every voter votes through the careless box, in voting order; returns the true votes."""
    _enrol(voters)
    truth = {}
    rankings = distinct_rankings(len(voters))
    for position, index in enumerate(voting_order(len(voters))):
        voter, content = voters[index], canonical({"ranking": rankings[position]})
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with transaction.atomic(), connection.cursor() as cursor:
            _mark(cursor, voter)
            _store_plaintext(cursor, content)
            cursor.execute(
                "INSERT INTO control_log (actor_id, acted_at) VALUES (%s, %s)", [voter.pk, now]
            )
        truth[voter.pk] = content
    return truth


def careless_reseal() -> None:
    """Rewrite the careless box in random order in one transaction, as today's close does."""
    as_text = "content::text" if connection.vendor == "postgresql" else "content"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT {as_text} FROM control_ballot")
        contents = [row[0] for row in cursor.fetchall()]
        random.SystemRandom().shuffle(contents)
        cursor.execute("DELETE FROM control_ballot")
        for content in contents:
            _store_plaintext(cursor, canonical(json.loads(content)))


def _seal(cursor: Any, voter: User, *, first: bool) -> None:
    """Store random bytes for the vote (a ciphertext the database cannot open) and its tracker."""
    ciphertext = os.urandom(80)
    tracker = hashlib.sha256(ciphertext).hexdigest()
    elector = "(SELECT id FROM control_elector WHERE user_id = %s)"
    if first:
        cursor.execute(
            "INSERT INTO control_sealed (elector_id, ciphertext, tracker)"
            f" VALUES ({elector}, %s, %s)",
            [voter.pk, ciphertext, tracker],
        )
    else:
        cursor.execute(
            f"UPDATE control_sealed SET ciphertext = %s, tracker = %s WHERE elector_id = {elector}",
            [ciphertext, tracker, voter.pk],
        )


def sealed_votes_counted(voters: list[User]) -> dict[int, str]:
    """Every voter votes through the sealed box in voting order, 4 change their vote, and the count
    writes the plaintext and the trackers, each shuffled; returns the true votes."""
    _enrol(voters)
    truth = {}
    rankings = iter(distinct_rankings(len(voters) + len(CHANGING)))
    order = voting_order(len(voters))
    changes = [(voters[order[position]], False) for position in CHANGING]
    for voter, first in [(voters[index], True) for index in order] + changes:
        today = connection.ops.adapt_datefield_value(timezone.localdate())
        with transaction.atomic(), connection.cursor() as cursor:
            if first:
                _mark(cursor, voter)
            _seal(cursor, voter, first=first)
            cursor.execute("UPDATE control_counter SET votes = votes + 1 WHERE day = %s", [today])
            if not cursor.rowcount:
                cursor.execute("INSERT INTO control_counter (day, votes) VALUES (%s, 1)", [today])
        # The tellers' key opens the ciphertext at the count: the test keeps the plaintext.
        truth[voter.pk] = canonical({"ranking": next(rankings)})
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT tracker FROM control_sealed")
        trackers = [row[0] for row in cursor.fetchall()]
        contents = list(truth.values())
        for shuffled in (trackers, contents):
            random.SystemRandom().shuffle(shuffled)
        for content in contents:
            _store_plaintext(cursor, content)
        for tracker in trackers:
            cursor.execute("INSERT INTO control_tracker (tracker) VALUES (%s)", [tracker])
        cursor.execute("DELETE FROM control_sealed")
    return truth

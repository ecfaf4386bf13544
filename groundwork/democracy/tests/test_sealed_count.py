"""Writing the opened votes at the count: COPY on PostgreSQL, bulk_create elsewhere, and the same
rows, order and result either way (#11, counting 250,000 secret votes in the job worker)."""

import json
import random
import uuid
from collections import Counter

import pytest
from django.db import connection

from groundwork.democracy.actions.closing import (
    COPY_COLUMNS,
    OpenedVote,
    count_votes,
    random_ids,
    write_opened_votes,
)
from groundwork.democracy.models import CastVote
from groundwork.democracy.tests.factories import fast_forward_past_deadline, open_ballot, vote_for
from groundwork.groups.tests.factories import UserFactory, join

pytestmark = pytest.mark.django_db

CANDIDATES = ["Ash", "Birch", "Cedar", "Damson"]
RANKINGS = [[0, 1], [1], [2, 0, 3], [3, 2, 1, 0], [1, 0], [0], [2], [1, 3]]


def stored_in_physical_order(ballot) -> list[tuple[dict, int]]:
    """The votes as the table holds them on disk (ctid order on PostgreSQL, rowid on SQLite)."""
    order = "ctid" if connection.vendor == "postgresql" else "rowid"
    table = CastVote._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT content, weight FROM {table} WHERE ballot_id = %s ORDER BY {order}",
            [ballot.pk],
        )
        return [
            (json.loads(content) if isinstance(content, str) else content, weight)
            for content, weight in cursor.fetchall()
        ]


def test_the_copy_names_every_column_of_a_counted_vote():
    assert sorted(COPY_COLUMNS) == sorted(str(f.column) for f in CastVote._meta.concrete_fields)


def test_the_opened_votes_are_stored_in_the_order_they_were_shuffled_into(alice, riverside):
    ballot = open_ballot(riverside, alice, method="irv", options=CANDIDATES)
    votes = [
        OpenedVote(content={"ranking": ranking}, weight=weight)
        for weight, ranking in enumerate(RANKINGS * 3, start=1)
    ]
    random.shuffle(votes)
    write_opened_votes(ballot, votes)
    assert stored_in_physical_order(ballot) == [(v.content, v.weight) for v in votes]
    stored = CastVote.objects.filter(ballot=ballot)
    assert not stored.filter(voter__isnull=False).exists()
    ids = [vote.pk for vote in stored]
    assert len(set(ids)) == len(votes) and {i.version for i in ids} == {4}


def test_the_published_count_is_the_count_of_the_votes_as_cast_and_as_stored(alice, riverside):
    members = [alice]
    for number in range(len(RANKINGS) - 1):
        member = UserFactory(display_name=f"Voter {number}")
        join(riverside, member)
        members.append(member)
    ballot = open_ballot(riverside, alice, method="stv-scottish", options=CANDIDATES, seats=2)
    for member, ranking in zip(members, RANKINGS, strict=True):
        vote_for(ballot, member, ranking=ranking)
    ballot = fast_forward_past_deadline(ballot)
    assert ballot.result is not None and ballot.result["votes_cast"] == len(RANKINGS)
    stored = list(CastVote.objects.filter(ballot=ballot))
    assert Counter(tuple(v.content["ranking"]) for v in stored) == Counter(map(tuple, RANKINGS))
    assert {v.weight for v in stored} == {1} and all(v.voter_id is None for v in stored)
    # Anyone recounting the published votes gets the published result.
    assert json.loads(json.dumps(count_votes(ballot, stored))) == ballot.result


def test_the_random_ids_are_version_4_uuids_and_all_different():
    ids = [uuid.UUID(hex) for hex in random_ids(10_000)]
    assert {i.version for i in ids} == {4} and {i.variant for i in ids} == {uuid.RFC_4122}
    assert len(set(ids)) == len(ids)

"""A secret vote cannot be linked to its voter, not even by whoever runs the database (#11).

The attack (tests/secrecy/attacker.py) reads every version of every row of every table, dead
ones too (pageinspect on PostgreSQL; rowid order on SQLite), and links voters to vote content by
shared transaction ids and identifying values, by the order of marking against the order of
storage, and through rows voters wrote (the audit log). It runs twice on one ballot of 16 voters
with 16 different votes (4 of them changed): while the ballot is still open, and after the close.

On the code before the sealed box, this attack linked (measured on main at 5cdb818, three runs
per database, the same each time on PostgreSQL):
- PostgreSQL, while the ballot is open: 16 of 16 by same transaction, 16 of 16 by marking order,
  16 of 16 by audit transaction, 16 of 16 by audit order; after the close: 16 of 16 by every
  method again, the 4 changed votes linked to their new content. After the close the live rows
  alone link nobody (0 of 16 by every method): the links come from the re-seal's dead row
  versions, which keep their transaction ids and whose receipts the re-sealed rows repeat.
- SQLite, while open: 16 of 16 by audit order (the `ballot.voted` entries are in voting order,
  like the votes' rowids), 0 of 16 by marking order (electors are marked in place: their rowids
  keep the enrolment order, which this voting order never matches); after the close: 0 to 3 of
  16 by either (the re-seal's shuffle; chance).

With the sealed ballot box, the same attack links nobody beyond chance, on either database: the
rows that share a transaction with an elector hold only ciphertext, and the counted votes are
written at the count, shuffled, in a transaction that touches no elector. The controls show that the attack has teeth: a careless box written by the test (plaintext stored
without any voter, the elector marked in the same transaction) is linked, 16 of 16, and must stay
linked whatever the app becomes; a box sealed as #11 asks, also written by the test, is linked by
nothing but chance, so the attack can pass. A failure names the figures (VotersLinked).
"""

import pytest
from django.db import connection
from django.utils import timezone

from groundwork.groups.tests.factories import UserFactory
from tests.secrecy import scenarios
from tests.secrecy.attacker import METHODS, AttackReport, Electorate, attack
from tests.secrecy.reading import mismatches_with_sql, read_every_table

pytestmark = pytest.mark.django_db(transaction=True)

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="reads raw pages with PostgreSQL's pageinspect: run make test-postgres",
)
on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the SQLite attack (rowid order) runs on SQLite only"
)

# A method that learns nothing matches voters to the 16 different contents at random: the number
# it gets right is the number of fixed points of a random permutation of 16, and
# P(7 or more) = 8.3e-5 (exactly sum over k >= 7 of C(16, k) * D(16 - k) / 16!, D the
# derangements; a guess per voter drawn at random instead: binomial, P = 2.6e-5). So 6 of 16 is
# chance, and more is a link.
MOST_LINKS_BY_CHANCE = 6


class VotersLinked(AssertionError):
    """The attack linked more voters to their true votes than chance allows."""


def summary(reports: dict[str, AttackReport], truth: dict[int, str]) -> str:
    return "; ".join(
        f"{phase}: "
        + ", ".join(
            f"{method} {correct} of {len(truth)}"
            for method, correct in report.correct(truth).items()
        )
        for phase, report in reports.items()
    )


def assert_no_link_beyond_chance(reports: dict[str, AttackReport], truth: dict[int, str]) -> None:
    for phase, report in reports.items():
        # The attack saw every voter marked, or it proves nothing.
        assert report.voters == len(truth), f"{phase}: the attacker saw {report.voters} voters"
    linked = [
        (phase, method, correct)
        for phase, report in reports.items()
        for method, correct in report.correct(truth).items()
        if correct > MOST_LINKS_BY_CHANCE
    ]
    if linked:
        raise VotersLinked(f"voters linked to their votes: {summary(reports, truth)}")


def attack_the_secret_ballot(riverside, alice) -> tuple[dict[str, AttackReport], dict[int, str]]:
    run = scenarios.secret_ballot_voted_and_changed(riverside, alice)
    electorate = Electorate(opened_at=run.opened_at)
    reports = {"while open": attack(connection, electorate)}
    scenarios.close(run)
    reports["after the close"] = attack(connection, electorate)
    # The attacker can read the plaintext once the count has written it.
    assert reports["after the close"].content_histories >= scenarios.VOTERS
    return reports, run.truth


@on_postgresql
@pytest.mark.postgres
def test_a_database_administrator_cannot_link_a_secret_vote_to_its_voter_on_postgresql(
    riverside, alice
):
    reports, truth = attack_the_secret_ballot(riverside, alice)
    assert mismatches_with_sql(connection, read_every_table(connection)) == []
    assert_no_link_beyond_chance(reports, truth)


@on_sqlite
def test_no_insertion_order_or_rowid_links_a_secret_vote_to_its_voter_on_sqlite(riverside, alice):
    reports, truth = attack_the_secret_ballot(riverside, alice)
    assert_no_link_beyond_chance(reports, truth)


@pytest.fixture
def control_tables(transactional_db):
    scenarios.create_control_tables()
    yield
    scenarios.drop_control_tables()


@on_postgresql
@pytest.mark.postgres
def test_the_attack_links_a_careless_box_that_marks_the_elector_as_it_stores_the_vote(
    control_tables,
):
    voters = UserFactory.create_batch(scenarios.VOTERS)
    truth = scenarios.careless_votes(voters)
    control = Electorate(table="control_elector")
    while_open = attack(connection, control).correct(truth)
    assert while_open == dict.fromkeys(METHODS, 16)
    # Shuffled and rewritten: the live rows no longer tell, the dead versions on the page do.
    scenarios.careless_reseal()
    after_reseal = attack(connection, control).correct(truth)
    assert after_reseal["same transaction"] == after_reseal["marking order"] == 16
    assert mismatches_with_sql(connection, read_every_table(connection)) == []


@on_sqlite
def test_the_attack_links_a_careless_box_by_the_order_of_its_log_on_sqlite(control_tables):
    voters = UserFactory.create_batch(scenarios.VOTERS)
    opened_at = timezone.now()
    truth = scenarios.careless_votes(voters)
    report = attack(connection, Electorate(table="control_elector", opened_at=opened_at))
    # Electors are marked in place, so their rowids keep the order they were enrolled in, which
    # the voting order never matches (scenarios.voting_order); the log's order gives them away.
    assert report.correct(truth) == {"marking order": 0, "audit order": 16}


def test_the_attack_links_nobody_in_a_box_sealed_as_the_issue_asks(control_tables):
    voters = UserFactory.create_batch(scenarios.VOTERS)
    opened_at = timezone.now()
    truth = scenarios.sealed_votes_counted(voters)
    report = attack(connection, Electorate(table="control_elector", opened_at=opened_at))
    assert report.voters == report.content_histories == 16
    assert {method: guess for method, guess in report.links.items() if guess} == {
        "marking order": report.links["marking order"]
    }
    assert report.correct(truth)["marking order"] <= MOST_LINKS_BY_CHANCE

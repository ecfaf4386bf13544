"""An administrator with the database, trying to learn how each voter voted.

The attacker knows only what any administrator knows: the tables (by name, from introspection),
which table lists a ballot's electors and which column names the member, and when the ballot
opened (it is public). It does not know which table holds the votes. What it reads
(`reading.read_every_table`) is grouped by `evidence.gather` into row histories, each with its
readable vote content if any, and the voters' marking rows (see `evidence`).

The linking methods, each giving a guess {user id: content} and reported separately:

- `same transaction` (PostgreSQL): from the voter's marking rows, walk to every history that
  shares a transaction id (`t_xmin`) or an identifying value (a receipt, a uuid, a tracker, a
  string of 8 or more characters, bytes or their SHA-256, also inside JSON) with a history reached
  so far. A transaction or value is walked through only when it holds no other voter's marking
  and at most one distinct content, and a value only when at most 3 histories share it (a title or
  a verb shared by many rows names nothing in particular). The voter is linked when everything
  reached holds one single content.
- `marking order`: the voters in the order they were marked (by transaction id; on SQLite by the
  rowid of the marking row) matched position by position against the content histories in
  physical order (page and line pointer; rowid), taken from the table holding the most.
- `audit transaction` (PostgreSQL): rows written since the first marking by a voter (any table
  with a foreign key to the members' table: the audit log's `actor`) whose transaction holds one
  single content, as above, without walking further.
- `audit order`: the same rows (on SQLite, those stamped at or after the ballot opened), ordered by
  their timestamp, then their position, first row of each voter; matched position by position
  against the content histories in physical order.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

from tests.secrecy.evidence import Electorate, Evidence, History, canonical, gather
from tests.secrecy.reading import read_every_table

__all__ = ["METHODS", "AttackReport", "Electorate", "attack", "canonical"]

MOST_HISTORIES_SHARING_A_VALUE = 3
METHODS = ("same transaction", "marking order", "audit transaction", "audit order")


@dataclass
class AttackReport:
    """What the attacker saw and whom it linked to what, per method."""

    voters: int
    content_histories: int
    links: dict[str, dict[int, str]] = field(default_factory=dict)

    def correct(self, truth: dict[int, str]) -> dict[str, int]:
        """Per method, the number of voters linked to their true content."""
        return {
            method: sum(1 for user, content in guess.items() if truth.get(user) == content)
            for method, guess in self.links.items()
        }


def _opens(evidence: Evidence, group: set[int], voter: int, *, shared_value: bool) -> bool:
    """Whether walking through this transaction or value tells about `voter` and nobody else."""
    if shared_value and len(group) > MOST_HISTORIES_SHARING_A_VALUE:
        return False
    if any(evidence.marker_of.get(index, voter) != voter for index in group):
        return False
    return len({evidence.histories[index].content for index in group} - {None}) <= 1


def _reach(evidence: Evidence, voter: int) -> set[int]:
    start = [index for index, marked in evidence.marker_of.items() if marked == voter]
    reached, queue = set(start), list(start)
    while queue:
        history = evidence.histories[queue.pop()]
        groups = [(evidence.by_xid[xid], False) for xid in history.xids]
        groups += [(evidence.by_atom[atom], True) for atom in history.atoms]
        for group, shared_value in groups:
            if group - reached and _opens(evidence, group, voter, shared_value=shared_value):
                queue.extend(group - reached)
                reached |= group
    return reached


def _single_content(evidence: Evidence, indexes: set[int]) -> str | None:
    contents = {evidence.histories[index].content for index in indexes} - {None}
    return contents.pop() if len(contents) == 1 else None


def link_by_transaction(evidence: Evidence) -> dict[int, str]:
    """Method (a): each voter's marking rows, walked through shared transactions and values."""
    guesses = {}
    for voter in evidence.voter_order:
        content = _single_content(evidence, _reach(evidence, voter))
        if content is not None:
            guesses[voter] = content
    return guesses


def content_sequence(evidence: Evidence) -> list[str]:
    """The contents of the table that holds the most, in the order of their rows' positions."""
    by_table: dict[str, list[History]] = defaultdict(list)
    for history in evidence.histories:
        if history.content is not None:
            by_table[history.table].append(history)
    if not by_table:
        return []
    most = max(by_table.values(), key=len)
    return [
        history.content for history in sorted(most, key=lambda h: h.position) if history.content
    ]


def link_by_marking_order(evidence: Evidence) -> dict[int, str]:
    """Method (b): the order voters were marked in, against the order content was stored in."""
    return dict(zip(evidence.voter_order, content_sequence(evidence), strict=False))


def _as_utc(moment: Any) -> datetime:
    if not isinstance(moment, datetime):
        return datetime.min.replace(tzinfo=UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def voter_rows(evidence: Evidence) -> dict[str, list[tuple[datetime, tuple[int, int], int, int]]]:
    """Per table with a foreign key to the members' table (an audit log's actor, say): the rows
    a voter wrote since voting began, as (time, position, voter, history index), in order."""
    first_marking = min((min(xids) for xids in evidence.marking_xids.values()), default=0)
    opened_at = evidence.electorate.opened_at
    skipped = evidence.marker_tables() | {evidence.user_table}
    voters = set(evidence.voter_order)
    rows: dict[str, list[tuple[datetime, tuple[int, int], int, int]]] = defaultdict(list)
    for index, history in enumerate(evidence.histories):
        table = evidence.tables[history.table]
        if table.name in skipped:
            continue
        actors = [c for c, (_, target) in table.references.items() if target == evidence.user_table]
        stamps = [
            c for c, kind in table.columns.items() if kind.startswith(("timestamp", "datetime"))
        ]
        written = history.versions[0]
        voter = next((written.values[c] for c in actors if written.values[c] in voters), None)
        if voter is None:
            continue
        moment = _as_utc(written.values[stamps[0]]) if stamps else _as_utc(None)
        if written.xmin and first_marking:
            if written.xmin < first_marking:
                continue
        elif opened_at and (not stamps or moment < opened_at):
            continue  # written before the ballot opened, or no telling when
        rows[table.name].append((moment, history.position, voter, index))
    return {name: sorted(found) for name, found in rows.items()}


def link_by_audit_transaction(evidence: Evidence) -> dict[int, str]:
    """Method (c), by transaction: a voter's row whose transaction holds one single content."""
    contents: dict[int, set[str]] = defaultdict(set)
    for rows in voter_rows(evidence).values():
        for _, _, voter, index in rows:
            for xid in evidence.histories[index].xids:
                group = evidence.by_xid[xid]
                if _opens(evidence, group, voter, shared_value=False):
                    contents[voter] |= {
                        content for i in group if (content := evidence.histories[i].content)
                    }
    return {voter: found.pop() for voter, found in contents.items() if len(found) == 1}


def link_by_audit_order(evidence: Evidence) -> dict[int, str]:
    """Method (c), by order: the voters in the order of their first rows in the table where most
    voters wrote, against the order content was stored in."""
    sequences = []
    for rows in voter_rows(evidence).values():
        voters = list(dict.fromkeys(voter for _, _, voter, _ in rows))
        sequences.append(voters)
    if not sequences:
        return {}
    voters = max(sequences, key=len)
    return dict(zip(voters, content_sequence(evidence), strict=False))


def attack(connection: BaseDatabaseWrapper, electorate: Electorate | None = None) -> AttackReport:
    """Read everything and try every method; a method that needs transaction ids is left out
    where the database keeps none (SQLite)."""
    evidence = gather(read_every_table(connection), electorate or Electorate())
    methods = dict(
        zip(
            METHODS,
            (
                link_by_transaction,
                link_by_marking_order,
                link_by_audit_transaction,
                link_by_audit_order,
            ),
            strict=True,
        )
    )
    if not evidence.by_xid:
        methods = {name: method for name, method in methods.items() if "transaction" not in name}
    return AttackReport(
        voters=len(evidence.voter_order),
        content_histories=sum(1 for history in evidence.histories if history.content),
        links={name: method(evidence) for name, method in methods.items()},
    )

"""What the attacker read, grouped: row histories, the voters' marking rows, and what shares what.

A row history is the versions of one row, chained by `t_ctid` from each version to the one that
replaced it; its content is that of its latest version that has any, so a changed vote counts as
changed. Readable vote content is any value that is a JSON object with a key `choice`, `ranking`
or `approved` (JSON in a text column counts too), wherever it lies: the attacker does not know
which table holds the votes. Encrypted bytes are not readable content.

A voter is *marked* by the elector-table versions that record their vote (`marked_column` set)
and by every row of a table that references their elector row (a sealed vote, say).
"""

import hashlib
import json
import uuid
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tests.secrecy.disk import Undecoded
from tests.secrecy.reading import RowVersion, Table

CONTENT_KEYS = frozenset({"choice", "ranking", "approved"})
SHORTEST_IDENTIFYING_TEXT = 8


@dataclass(frozen=True)
class Electorate:
    """What the administrator knows of the ballot: where electors are, and when it opened."""

    table: str = "democracy_elector"
    user_column: str = "user_id"
    # Set once the elector has voted; ignored when the table has no such column.
    marked_column: str = "voted_on"
    opened_at: datetime | None = None


@dataclass
class History:
    """The versions of one row, oldest first."""

    table: str
    versions: list[RowVersion]
    content: str | None = None
    atoms: frozenset[str] = frozenset()

    @property
    def position(self) -> tuple[int, int]:
        return self.versions[0].position

    @property
    def xids(self) -> set[int]:
        # 0 (SQLite) and the bootstrap and frozen ids (1, 2) name no transaction.
        return {version.xmin for version in self.versions if version.xmin > 2}


def canonical(content: dict) -> str:
    """Vote content as one comparable string."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"))


def content_of(value: Any) -> str | None:
    """The readable vote content a stored value holds, if it holds any."""
    if isinstance(value, str) and value.lstrip().startswith("{"):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    if isinstance(value, dict) and CONTENT_KEYS & value.keys():
        return canonical(value)
    return None


def atoms_of(value: Any) -> Iterator[str]:
    """The identifying values a stored value holds, normalised so that equal ones meet."""
    if isinstance(value, uuid.UUID):
        yield value.hex
    elif isinstance(value, Undecoded):
        yield from atoms_of(value.raw)
    elif isinstance(value, bytes | memoryview):
        raw = bytes(value)
        if len(raw) >= SHORTEST_IDENTIFYING_TEXT:
            yield raw.hex()
            yield hashlib.sha256(raw).hexdigest()
    elif isinstance(value, dict):
        for item in value.values():
            yield from atoms_of(item)
    elif isinstance(value, list):
        for item in value:
            yield from atoms_of(item)
    elif isinstance(value, str):
        if value[:1] in {"{", "["}:
            try:
                yield from atoms_of(json.loads(value))
                return
            except ValueError:
                pass
        text = value.replace("-", "").lower()
        if len(text) >= SHORTEST_IDENTIFYING_TEXT:
            yield text


def histories_of(table: Table) -> list[History]:
    """The table's row histories: each version followed to the one that replaced it."""
    by_position = {version.position: version for version in table.versions}

    def next_of(version: RowVersion) -> RowVersion | None:
        successor = by_position.get(version.successor) if version.successor else None
        return successor if successor and successor.xmin == version.xmax else None

    replaced = {id(found) for version in table.versions if (found := next_of(version))}
    histories = []
    for head in table.versions:
        if id(head) in replaced:
            continue
        chain = [head]
        while (following := next_of(chain[-1])) and following not in chain:
            chain.append(following)
        contents = [
            content for v in chain for value in v.values.values() if (content := content_of(value))
        ]
        atoms = frozenset(
            atom for v in chain for value in v.values.values() for atom in atoms_of(value)
        )
        histories.append(History(table.name, chain, contents[-1] if contents else None, atoms))
    return histories


@dataclass
class Evidence:
    """What was read, grouped: row histories, who marked which, and what shares what."""

    tables: dict[str, Table]
    electorate: Electorate
    histories: list[History]
    # History index -> the voter (user id) it marks.
    marker_of: dict[int, int]
    # Voter -> the transactions that marked them.
    marking_xids: dict[int, set[int]]
    # The voters in the order they were marked, as far as storage tells.
    voter_order: list[int]
    by_xid: dict[int, set[int]]
    by_atom: dict[str, set[int]]

    @property
    def user_table(self) -> str:
        return self.tables[self.electorate.table].references[self.electorate.user_column][1]

    def marker_tables(self) -> set[str]:
        """The elector table and every table that references it."""
        return {self.electorate.table} | {
            table.name
            for table in self.tables.values()
            for _, target in table.references.values()
            if target == self.electorate.table
        }


def gather(tables: dict[str, Table], electorate: Electorate) -> Evidence:
    """Group what was read into histories and find the voters' marking rows."""
    if electorate.table not in tables:
        raise LookupError(f"The database has no table {electorate.table}: tell the attacker.")
    histories = [history for table in tables.values() for history in histories_of(table)]
    marker_of, marking_xids, order_key = _markers(tables, histories, electorate)
    by_xid: dict[int, set[int]] = defaultdict(set)
    by_atom: dict[str, set[int]] = defaultdict(set)
    for index, history in enumerate(histories):
        for xid in history.xids:
            by_xid[xid].add(index)
        for atom in history.atoms:
            by_atom[atom].add(index)
    return Evidence(
        tables=tables,
        electorate=electorate,
        histories=histories,
        marker_of=marker_of,
        marking_xids=marking_xids,
        voter_order=sorted(order_key, key=order_key.__getitem__),
        by_xid=by_xid,
        by_atom=by_atom,
    )


def _markers(
    tables: dict[str, Table], histories: list[History], electorate: Electorate
) -> tuple[dict[int, int], dict[int, set[int]], dict[int, tuple]]:
    electors = tables[electorate.table]
    marked_column = electorate.marked_column if electorate.marked_column in electors.columns else ""
    referencing = [
        (table.name, column, target_column)
        for table in tables.values()
        for column, (target_column, target) in table.references.items()
        if target == electorate.table
    ]
    marker_of: dict[int, int] = {}
    xids: dict[int, set[int]] = defaultdict(set)
    elector_position: dict[int, tuple[int, int]] = {}
    # A row written as the vote was cast (a sealed vote, say) tells the order better than the
    # elector row, which was written when the ballot opened.
    vote_positions: dict[int, list[tuple[int, int]]] = defaultdict(list)
    user_by_key: dict[tuple[str, Any], int] = {}
    for index, history in enumerate(histories):
        if history.table != electorate.table:
            continue
        latest = history.versions[-1].values
        user = latest[electorate.user_column]
        user_by_key |= {(column, latest.get(column)): user for _, _, column in referencing}
        marked = [v for v in history.versions if marked_column and v.values[marked_column]]
        if marked:
            marker_of[index] = user
            xids[user] |= {version.xmin for version in marked}
            elector_position[user] = marked[0].position
    for index, history in enumerate(histories):
        for table, column, target_column in referencing:
            if history.table == table:
                user_or_none = user_by_key.get((target_column, history.versions[0].values[column]))
                if user_or_none is not None:
                    marker_of[index] = user_or_none
                    xids[user_or_none] |= {version.xmin for version in history.versions}
                    vote_positions[user_or_none].append(history.position)
    order_key = {
        user: (min(xids[user]), min(vote_positions[user], default=elector_position.get(user)))
        for user in set(marker_of.values())
    }
    return marker_of, dict(xids), order_key

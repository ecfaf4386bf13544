"""Reading the database as its administrator can: every version of every row of every table.

On PostgreSQL an UPDATE or DELETE does not erase a row: it marks the old version dead (its
`t_xmax` names the transaction that ended it, its `t_ctid` points at the next version) and leaves
it on its page until a vacuum reclaims the space; the same bytes go to the write-ahead log, the
replicas and the backups. `read_every_table` reads every page of every table through the
`pageinspect` extension (superuser only), live and dead versions alike, with the transaction that
wrote each version (`t_xmin`), the one that ended it (`t_xmax`), where it lies (page and line
pointer) and its attributes decoded by `disk`. `mismatches_with_sql` checks that decoding against
`SELECT ctid, xmin, *` for every live row, so the reader cannot silently go blind.

SQLite keeps one version of a row (this build zeroes deleted content: SECURE_DELETE), so there
every row is read once with its rowid, the order in which it was inserted.

Tables are found by name through Django's introspection, never through the app's models, so that
the same reader works on whatever schema the code under test has.
"""

import json
from dataclasses import dataclass
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

from tests.secrecy.disk import Undecoded, decode_attribute

# t_infomask bits (src/include/access/htup_details.h).
HEAP_XMAX_KEYSHR_LOCK = 0x0010
HEAP_XMAX_EXCL_LOCK = 0x0040
HEAP_XMAX_LOCK_ONLY = 0x0080
HEAP_XMAX_INVALID = 0x0800
HEAP_XMAX_IS_MULTI = 0x1000


@dataclass(frozen=True)
class RowVersion:
    """One version of one row, as it lies in storage."""

    table: str
    # (page, line pointer) on PostgreSQL; (0, rowid) on SQLite.
    position: tuple[int, int]
    # The transaction that wrote this version; 0 where the database keeps none (SQLite).
    xmin: int
    # The transaction that updated or deleted it; 0 if none (a row lock alone does not count).
    xmax: int
    # Where the next version of the row lies, when an update ended this one.
    successor: tuple[int, int] | None
    values: dict[str, Any]


@dataclass
class Table:
    name: str
    # Column name -> the type as the database names it ("jsonb", "datetime", ...).
    columns: dict[str, str]
    # Column name -> (the referenced column, the referenced table), from the foreign keys.
    references: dict[str, tuple[str, str]]
    versions: list[RowVersion]


def read_every_table(connection: BaseDatabaseWrapper) -> dict[str, Table]:
    """Every table of the database, with every version of every row the storage still holds."""
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
        if connection.vendor == "postgresql":
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
            read = _read_postgresql_table
        elif connection.vendor == "sqlite":
            read = _read_sqlite_table
        else:
            raise NotImplementedError(f"No reader for {connection.vendor}.")
        tables = {}
        for name in names:
            # (the referenced column, the referenced table, and what a delete does)
            relations = connection.introspection.get_relations(cursor, name)
            references = {column: (found[0], found[1]) for column, found in relations.items()}
            tables[name] = read(connection, cursor, name, references)
    return tables


def _postgresql_columns(cursor: Any, quoted: str) -> list[tuple[str, str, bool]]:
    cursor.execute(
        "SELECT attname, atttypid::regtype::text, attisdropped FROM pg_attribute"
        " WHERE attrelid = %s::regclass AND attnum > 0 ORDER BY attnum",
        [quoted],
    )
    return list(cursor.fetchall())


def _read_postgresql_table(
    connection: BaseDatabaseWrapper, cursor: Any, name: str, references: dict
) -> Table:
    quoted = connection.ops.quote_name(name)
    columns = _postgresql_columns(cursor, quoted)
    cursor.execute(
        "SELECT pg_relation_size(%s::regclass) / current_setting('block_size')::int", [quoted]
    )
    pages = cursor.fetchone()[0]
    # Detoasting (the last argument) hands each variable-length value over whole and without
    # its length header; a version that lost its TOAST chunks to a vacuum would raise here.
    cursor.execute(
        "SELECT page, lp, t_xmin::text::bigint, t_xmax::text::bigint, t_ctid::text, t_infomask,"
        " t_attrs FROM generate_series(0, %s - 1) AS page,"
        " LATERAL heap_page_item_attrs(get_raw_page(%s, page::int), %s::regclass, true)"
        " WHERE lp_flags = 1 ORDER BY page, lp",
        [pages, quoted, quoted],
    )
    versions = [
        _postgresql_version(name, columns, *row) for row in cursor.fetchall() if row[6] is not None
    ]
    return Table(
        name=name,
        columns={column: kind for column, kind, dropped in columns if not dropped},
        references=references,
        versions=versions,
    )


def _postgresql_version(
    table: str,
    columns: list[tuple[str, str, bool]],
    page: int,
    line: int,
    xmin: int,
    xmax: int,
    ctid: str,
    infomask: int,
    attributes: list[bytes | None],
) -> RowVersion:
    values: dict[str, Any] = {}
    for index, (column, kind, dropped) in enumerate(columns):
        raw = attributes[index] if index < len(attributes) else None
        if not dropped:
            values[column] = None if raw is None else decode_attribute(kind, bytes(raw))
    locked_only = bool(infomask & HEAP_XMAX_LOCK_ONLY) or (
        infomask & (HEAP_XMAX_IS_MULTI | HEAP_XMAX_EXCL_LOCK | HEAP_XMAX_KEYSHR_LOCK)
        == HEAP_XMAX_EXCL_LOCK
    )
    ended_by = 0 if infomask & (HEAP_XMAX_INVALID | HEAP_XMAX_IS_MULTI) or locked_only else xmax
    next_page, next_line = (int(part) for part in ctid.strip("()").split(","))
    moved = ended_by and (next_page, next_line) != (page, line)
    return RowVersion(
        table=table,
        position=(page, line),
        xmin=xmin,
        xmax=ended_by,
        successor=(next_page, next_line) if moved else None,
        values=values,
    )


def _read_sqlite_table(
    connection: BaseDatabaseWrapper, cursor: Any, name: str, references: dict
) -> Table:
    description = connection.introspection.get_table_description(cursor, name)
    columns = {field.name: field.type_code.lower() for field in description}
    cursor.execute(f"SELECT rowid, * FROM {connection.ops.quote_name(name)}")
    names = [column[0] for column in cursor.description[1:]]
    versions = [
        RowVersion(
            table=name,
            position=(0, row[0]),
            xmin=0,
            xmax=0,
            successor=None,
            values=dict(zip(names, row[1:], strict=True)),
        )
        for row in cursor.fetchall()
    ]
    return Table(name=name, columns=columns, references=references, versions=versions)


def mismatches_with_sql(connection: BaseDatabaseWrapper, tables: dict[str, Table]) -> list[str]:
    """Where the decoded live versions differ from what SQL returns for the same rows (PostgreSQL):
    an empty list means the attacker reads every live value the database holds, as it holds it."""
    found = []
    with connection.cursor() as cursor:
        for table in tables.values():
            by_position = {version.position: version for version in table.versions}
            quoted = connection.ops.quote_name(table.name)
            cursor.execute(f"SELECT ctid::text, xmin::text::bigint, * FROM {quoted}")
            names = [column[0] for column in cursor.description[2:]]
            for ctid, xmin, *values in cursor.fetchall():
                page, line = (int(part) for part in ctid.strip("()").split(","))
                version = by_position.get((page, line))
                if version is None or version.xmin != xmin:
                    found.append(f"{table.name} {ctid}: live row not read from its page")
                    continue
                for column, value in zip(names, values, strict=True):
                    decoded = version.values[column]
                    expected = _as_decoded(table.columns[column], value)
                    if not isinstance(decoded, Undecoded) and decoded != expected:
                        found.append(f"{table.name} {ctid} {column}: {decoded!r} != {expected!r}")
    return found


def _as_decoded(kind: str, value: Any) -> Any:
    if value is not None and kind == "jsonb":
        return json.loads(value)
    if isinstance(value, memoryview):
        return bytes(value)
    return value

"""The backup drill: dump a live PostgreSQL database, restore it into an empty one, and prove
that every table came back whole (docs/backups.md).

The drill holds one REPEATABLE READ, READ ONLY transaction open on the source, exports its
snapshot (`pg_export_snapshot()`) and runs `pg_dump --snapshot` inside it, so the dump and the
source's checksums see exactly the same rows while people go on voting and signing. The dump is
restored with `pg_restore` into a scratch database that the drill creates (on the same server
unless told otherwise) and always drops. Each table is then compared on both sides: its number of
rows and a checksum of its rows. Nothing is written to the source database.

The checksum of a table is the sum, over its rows, of the row's MD5 (its text form, `t::text`)
read as two 64-bit numbers: it does not depend on row order, so it needs no sort and no primary
key, and it does not build one long string per table (PostgreSQL caps a value at 1 GB). Both
sides set the same output settings (time zone, date style, float digits) so a row prints alike.
"""

import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from secrets import token_hex
from typing import Any

import psycopg
from psycopg import sql

from groundwork.core.backups.postgres import BackupError, environment_for, program

# Every row prints the same way on both sides, whatever the server's or role's defaults.
SAME_OUTPUT = [
    "SET TimeZone = 'UTC'",
    "SET DateStyle = 'ISO, YMD'",
    "SET IntervalStyle = 'postgres'",
    "SET extra_float_digits = 1",
    "SET bytea_output = 'hex'",
]

# Ordinary tables (and partitions) in every schema pg_dump dumps: not the system's, not an
# extension's own.
TABLES = """
SELECT n.nspname, c.relname
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'r'
  AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
  AND NOT EXISTS (
    SELECT 1 FROM pg_depend d
    WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
  )
ORDER BY 1, 2
"""

# Columns whose values come from a sequence (identity columns, serials) and that sequence.
KEYED_COLUMNS = """
SELECT n.nspname, c.relname, a.attname,
       pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname)
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
  AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
  AND pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) IS NOT NULL
"""

CHECKSUM = """
SELECT count(*),
       coalesce(sum(('x' || substr(h, 1, 16))::bit(64)::bigint::numeric), 0),
       coalesce(sum(('x' || substr(h, 17, 16))::bit(64)::bigint::numeric), 0)
FROM (SELECT md5(t::text) AS h FROM {table} AS t) AS hashed
"""


@dataclass
class TableCheck:
    """One table on both sides: its rows and checksum in the snapshot and after the restore."""

    schema: str
    name: str
    source_rows: int | None = None
    source_checksum: str | None = None
    restored_rows: int | None = None
    restored_checksum: str | None = None
    # Whether every sequence feeding a column will hand out a value above those restored.
    keys_ahead: bool = True

    @property
    def matches(self) -> bool:
        return (
            self.source_rows is not None
            and (self.source_rows, self.source_checksum)
            == (self.restored_rows, self.restored_checksum)
            and self.keys_ahead
        )

    @property
    def label(self) -> str:
        return self.name if self.schema == "public" else f"{self.schema}.{self.name}"


@dataclass
class DrillReport:
    tables: list[TableCheck]
    snapshot: str
    # time.monotonic() just before the snapshot's transaction began, and once it was exported:
    # a write committed before the first is in the backup, one begun after the second is not.
    snapshot_started: float
    snapshot_taken: float
    dump_seconds: float
    restore_seconds: float
    dump_bytes: int
    scratch_database: str

    @property
    def ok(self) -> bool:
        return bool(self.tables) and all(table.matches for table in self.tables)

    @property
    def rows(self) -> int:
        return sum(table.source_rows or 0 for table in self.tables)


def checksums(connection: psycopg.Connection) -> dict[tuple[str, str], tuple[int, str]]:
    """Each table's (rows, checksum), read in the connection's current transaction."""
    for statement in SAME_OUTPUT:
        connection.execute(statement)
    found = {}
    for schema, name in connection.execute(TABLES).fetchall():
        table = sql.Identifier(schema, name)
        query = sql.SQL(CHECKSUM).format(table=table)
        rows, high, low = connection.execute(query).fetchone()  # type: ignore[misc]
        found[(schema, name)] = (rows, f"{int(high) % 2**64:016x}{int(low) % 2**64:016x}")
    return found


def keys_ahead(connection: psycopg.Connection) -> dict[tuple[str, str], bool]:
    """Per table: does each sequence's next value lie above the largest value in its column?"""
    ahead: dict[tuple[str, str], bool] = {}
    for schema, name, column, sequence in connection.execute(KEYED_COLUMNS).fetchall():
        largest = connection.execute(
            sql.SQL("SELECT max({}) FROM {}").format(
                sql.Identifier(column), sql.Identifier(schema, name)
            )
        ).fetchone()[0]  # type: ignore[index]
        last, called = connection.execute(
            # pg_get_serial_sequence names the sequence already quoted, as the catalog has it.
            sql.SQL("SELECT last_value, is_called FROM {}").format(sql.SQL(sequence))
        ).fetchone()  # type: ignore[misc]
        following = last + 1 if called else last
        fine = largest is None or following > largest
        ahead[(schema, name)] = ahead.get((schema, name), True) and fine
    return ahead


def dump_in_snapshot(
    source: dict[str, str],
    dump: Path,
    *,
    on_snapshot: Callable[[], None] | None = None,
    timeout: float | None = None,
) -> tuple[dict, str, float, float, float]:
    """Export a snapshot, dump inside it and checksum the source inside it, side by side."""
    pg_dump = program("pg_dump")
    started = time.monotonic()
    with psycopg.connect(**source) as held:  # type: ignore[arg-type]
        held.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        held.read_only = True
        snapshot = held.execute("SELECT pg_export_snapshot()").fetchone()[0]  # type: ignore[index]
        taken = time.monotonic()
        if on_snapshot is not None:
            on_snapshot()
        dump_started = time.monotonic()
        dumping = subprocess.Popen(
            [pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={dump}"],
            env=environment_for(source),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        # pg_dump's own time, while this connection checksums the source in the same snapshot.
        outcome: dict[str, Any] = {}

        def wait_for_pg_dump() -> None:
            try:
                outcome["errors"] = dumping.communicate(timeout=timeout)[1]
            except subprocess.TimeoutExpired:
                dumping.kill()
                outcome["errors"] = f"stopped after {timeout} s"
            outcome["ended"] = time.monotonic()

        waiter = threading.Thread(target=wait_for_pg_dump, daemon=True)
        waiter.start()
        try:
            source_sums = checksums(held)
        finally:
            waiter.join(timeout)
            if dumping.poll() is None:
                dumping.kill()
                dumping.wait()
        held.rollback()
    if dumping.returncode != 0 or "ended" not in outcome:
        raise BackupError(f"pg_dump failed: {outcome.get('errors', '').strip()}")
    return source_sums, snapshot, started, taken, outcome["ended"] - dump_started


def create_scratch(source: dict[str, str], name: str) -> None:
    """An empty database with the source's encoding and locale, from template0."""
    with psycopg.connect(**source, autocommit=True) as admin:  # type: ignore[arg-type]
        encoding, collate, ctype = admin.execute(
            "SELECT pg_encoding_to_char(encoding), datcollate, datctype FROM pg_database"
            " WHERE datname = current_database()"
        ).fetchone()  # type: ignore[misc]
        statement = (
            sql.SQL(
                "CREATE DATABASE {} TEMPLATE template0 ENCODING {} LC_COLLATE {} LC_CTYPE {}"
            ).format(
                sql.Identifier(name),
                sql.Literal(encoding),
                sql.Literal(collate),
                sql.Literal(ctype),
            )  # fmt: skip
        )
        try:
            admin.execute(statement)
        except psycopg.errors.DuplicateDatabase as error:
            # Never restore into, nor drop, a database the drill did not create.
            raise BackupError(f"A database named {name} already exists; choose another.") from error


def drop_scratch(source: dict[str, str], name: str) -> None:
    with psycopg.connect(**source, autocommit=True) as admin:  # type: ignore[arg-type]
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def run_drill(
    source: dict[str, str],
    *,
    scratch_database: str | None = None,
    jobs: int = 1,
    keep_dump: Path | None = None,
    on_snapshot: Callable[[], None] | None = None,
    on_restored: Callable[[dict[str, str]], None] | None = None,
    timeout: float | None = None,
) -> DrillReport:
    """Dump `source` (libpq parameters) in one snapshot, restore into a new scratch database,
    compare every table, and drop the scratch database. `on_snapshot` runs once the snapshot is
    exported and before pg_dump starts; `on_restored` gets the scratch database's parameters
    before it is dropped. `timeout` bounds pg_dump and pg_restore, each (seconds)."""
    pg_restore = program("pg_restore")
    program("pg_dump")
    scratch = scratch_database or f"groundwork_drill_{token_hex(4)}"
    folder = Path(tempfile.mkdtemp(prefix="groundwork-backup-drill-"))
    dump = keep_dump or folder / "groundwork.dump"
    try:
        source_sums, snapshot, started, taken, dump_seconds = dump_in_snapshot(
            source, dump, on_snapshot=on_snapshot, timeout=timeout
        )
        create_scratch(source, scratch)
        try:
            target = {**source, "dbname": scratch}
            restore_started = time.monotonic()
            restoring = subprocess.run(
                [
                    pg_restore, "--no-owner", "--no-privileges", "--exit-on-error",
                    f"--jobs={jobs}", f"--dbname={scratch}", str(dump),
                ],
                env=environment_for(target), capture_output=True, text=True, timeout=timeout,
            )  # fmt: skip
            restore_seconds = time.monotonic() - restore_started
            if restoring.returncode != 0:
                raise BackupError(f"pg_restore failed: {restoring.stderr.strip()}")
            with psycopg.connect(**target) as restored:  # type: ignore[arg-type]
                restored_sums = checksums(restored)
                ahead = keys_ahead(restored)
            if on_restored is not None:
                on_restored(target)
        finally:
            drop_scratch(source, scratch)
        tables = compare(source_sums, restored_sums, ahead)
        return DrillReport(
            tables=tables,
            snapshot=snapshot,
            snapshot_started=started,
            snapshot_taken=taken,
            dump_seconds=dump_seconds,
            restore_seconds=restore_seconds,
            dump_bytes=dump.stat().st_size,
            scratch_database=scratch,
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def compare(source: dict, restored: dict, ahead: dict) -> list[TableCheck]:
    """Every table on either side, with what each side holds (None where it is missing)."""
    tables = []
    for schema, name in sorted(set(source) | set(restored)):
        check = TableCheck(schema, name, keys_ahead=ahead.get((schema, name), True))
        if (schema, name) in source:
            check.source_rows, check.source_checksum = source[(schema, name)]
        if (schema, name) in restored:
            check.restored_rows, check.restored_checksum = restored[(schema, name)]
        tables.append(check)
    return tables


def report_lines(report: DrillReport) -> list[str]:
    """The drill's table, one line per table, and its figures."""
    width = max([len(table.label) for table in report.tables] + [5])
    lines = [f"{'table':<{width}}  {'rows':>10}  {'restored':>10}  checksum          result"]
    for table in report.tables:
        rows = "-" if table.source_rows is None else f"{table.source_rows:,}"
        restored = "-" if table.restored_rows is None else f"{table.restored_rows:,}"
        checksum = (table.source_checksum or table.restored_checksum or "-")[:16]
        verdict = "match" if table.matches else "MISMATCH"
        if not table.keys_ahead:
            verdict += " (its sequence is behind its keys)"
        lines.append(f"{table.label:<{width}}  {rows:>10}  {restored:>10}  {checksum}  {verdict}")
    bad = sum(1 for table in report.tables if not table.matches)
    lines += [
        "",
        f"snapshot {report.snapshot}: {len(report.tables)} tables, {report.rows:,} rows, "
        f"{bad} mismatched",
        f"dump {report.dump_bytes / 1e6:.1f} MB in {report.dump_seconds:.1f} s; "
        f"restore into {report.scratch_database} (dropped) in {report.restore_seconds:.1f} s",
    ]
    return lines

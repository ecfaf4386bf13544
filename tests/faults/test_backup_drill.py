"""Fault drill: a backup taken while people sign up, RSVP, sign and vote restores whole.

The drill (groundwork/core/backups.py, `manage.py backup_drill`) dumps the test database inside
one exported snapshot while a writer thread commits steps through the real actions, restores the
dump into an empty scratch database, and compares every table's rows and checksum with the
snapshot's. The writer's steps committed before the snapshot must be in the restore, and those
begun after it must not, however long pg_dump takes. PostgreSQL only; loopback only (the test
database's server); bounded by the writer's step and time limits; the scratch database is dropped.
"""

import os
import shutil
import stat
import subprocess
import tarfile
import time
from pathlib import Path

import psycopg
import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from groundwork.core.backups import environment_for, libpq_parameters, report_lines, run_drill
from tests.faults.load import Writer, set_the_stage, what_a_database_holds

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def postgresql_with_its_client_programs():
    if connection.vendor != "postgresql":
        pytest.skip("the backup drill dumps PostgreSQL with pg_dump; the embedded SQLite has none")
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip(
            "needs pg_dump and pg_restore (Debian's postgresql-client), as on these machines"
        )


def scratch_databases() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE 'groundwork_drill_%%'")
        return {row[0] for row in cursor.fetchall()}


def test_a_backup_under_load_restores_every_table_as_its_snapshot_saw_it():
    stage = set_the_stage(electors=60)
    writer = Writer(stage, max_steps=400, max_seconds=90).start()
    seen: dict[str, set[str]] = {}
    marks: dict[str, float] = {}
    before = scratch_databases()

    def hold_the_snapshot_while_the_writer_goes_on() -> None:
        # Steps that begin now are after the snapshot; pg_dump starts only once three are
        # committed, so it runs while the database already differs from what it must dump.
        marks["exported"] = time.monotonic()
        writer.wait_for(3, after=marks["exported"])

    def read_the_restore(target: dict[str, str]) -> None:
        with psycopg.connect(**target) as restored:  # type: ignore[arg-type]
            seen.update(what_a_database_holds(restored.cursor(), list(writer.steps), stage))

    try:
        writer.wait_for(5)
        report = run_drill(
            libpq_parameters(connection.get_connection_params()),
            on_snapshot=hold_the_snapshot_while_the_writer_goes_on,
            on_restored=read_the_restore,
            timeout=300,
        )
    finally:
        writer.stop()
    assert not writer.errors, writer.errors

    mismatched = [table.label for table in report.tables if not table.matches]
    assert mismatched == [], mismatched
    tables = {table.label for table in report.tables}
    assert {"members_user", "events_rsvp", "campaigns_signature", "democracy_sealedvote"} <= tables
    assert report.rows > 0 and report.dump_bytes > 0

    committed_before = [s for s in writer.steps if s.committed < report.snapshot_started]
    begun_after = [s for s in writer.steps if s.began > report.snapshot_taken]
    assert len(committed_before) >= 5 and len(begun_after) >= 3
    for kind in ("user", "rsvp", "signature"):
        assert {s.email for s in committed_before} <= seen[kind], kind
        assert not {s.email for s in begun_after} & seen[kind], kind
    voters_before = {s.email for s in committed_before if s.voter_id is not None}
    voters_after = {s.email for s in begun_after if s.voter_id is not None}
    assert voters_before and voters_after
    assert voters_before <= seen["vote"] and not voters_after & seen["vote"]

    assert scratch_databases() == before  # the scratch database was dropped
    printed = "\n".join(report_lines(report))
    assert "members_user" in printed and "democracy_elector" in printed
    assert "MISMATCH" not in printed and f"{len(report.tables)} tables" in printed


def test_the_command_never_touches_a_scratch_database_that_already_exists():
    with connection.cursor() as cursor:
        cursor.execute("CREATE DATABASE groundwork_drill_taken")
    try:
        with pytest.raises(CommandError, match="already exists"):
            call_command("backup_drill", "--scratch-database", "groundwork_drill_taken")
        assert "groundwork_drill_taken" in scratch_databases()  # not dropped by the drill
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP DATABASE IF EXISTS groundwork_drill_taken")


def test_the_nightly_backup_writes_a_readable_dump_and_deletes_only_old_backups(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "resources").mkdir(parents=True)
    (tmp_path / "media" / "resources" / "leaflet.pdf").write_bytes(b"%PDF-1.4 leaflet")
    folder = tmp_path / "backups"
    folder.mkdir()
    month_ago, yesterday = time.time() - 30 * 86400, time.time() - 86400
    for name, when in [
        ("groundwork-2026-11-04T020000Z.dump", month_ago),
        ("media-2026-11-04T020000Z.tar.gz", month_ago),
        ("groundwork-2026-11-05T020000Z.dump.partial", month_ago),  # a failed night's leftover
        ("groundwork-2026-12-03T020000Z.dump", yesterday),
        ("notes.txt", month_ago),  # not a backup: left alone
    ]:
        (folder / name).write_bytes(b"old")
        os.utime(folder / name, (when, when))

    call_command("backup_database", "--to", str(folder), "--keep-days", "14")

    left = sorted(path.name for path in folder.iterdir())
    new_dumps = [name for name in left if name.endswith(".dump") and "2026-12-03" not in name]
    assert len(new_dumps) == 1, left
    assert "groundwork-2026-12-03T020000Z.dump" in left and "notes.txt" in left
    assert not {"groundwork-2026-11-04T020000Z.dump", "media-2026-11-04T020000Z.tar.gz"} & set(left)
    assert not [name for name in left if name.endswith(".partial")]
    dump = folder / new_dumps[0]
    assert stat.S_IMODE(dump.stat().st_mode) == 0o600
    listed = subprocess.run(
        ["pg_restore", "--list", str(dump)], capture_output=True, text=True, check=True
    ).stdout
    assert "TABLE DATA public members_user" in listed
    (media,) = folder.glob("media-*.tar.gz")
    with tarfile.open(media) as archive:
        assert "media/resources/leaflet.pdf" in archive.getnames()


def test_the_compose_backup_service_writes_a_checked_dump_and_deletes_old_ones(tmp_path):
    """The `backup` service's script as compose runs it (`$$` is compose's `$`), with its two
    mounts (/backups, /media) moved into a temporary folder and PG* pointed at the test database."""
    service = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text())["services"]["backup"]
    shell, flags, script = service["command"]
    script = script.replace("$$", "$").replace("/backups", str(tmp_path / "backups"))
    script = script.replace("-C / media", f"-C {tmp_path} media")
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "leaflet.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "backups").mkdir()
    old = tmp_path / "backups" / "groundwork-2026-11-01T021500Z.dump"
    old.write_bytes(b"old")
    os.utime(old, (time.time() - 30 * 86400,) * 2)
    parameters = libpq_parameters(connection.get_connection_params())
    environment = {**environment_for(parameters), "KEEP_DAYS": service["environment"]["KEEP_DAYS"]}

    subprocess.run([shell, flags, script], env=environment, check=True, timeout=120)

    (dump,) = (tmp_path / "backups").glob("groundwork-*.dump")
    assert not old.exists() and stat.S_IMODE(dump.stat().st_mode) == 0o600
    listed = subprocess.run(
        ["pg_restore", "--list", str(dump)], capture_output=True, text=True, check=True
    ).stdout
    assert "TABLE DATA public members_user" in listed
    (media,) = (tmp_path / "backups").glob("media-*.tar.gz")
    with tarfile.open(media) as archive:
        assert "media/leaflet.pdf" in archive.getnames()

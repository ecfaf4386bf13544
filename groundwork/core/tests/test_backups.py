"""The backup drill's verdict, without a database: a table that differs, is missing on either
side, or whose sequence would hand out ids already restored fails the drill and says so. (The
drill itself, on PostgreSQL under load: tests/faults/test_backup_drill.py.)"""

from groundwork.core.backups import DrillReport, report_lines
from groundwork.core.backups.drill import compare
from groundwork.core.backups.postgres import environment_for, libpq_parameters


def report(source: dict, restored: dict, ahead: dict | None = None) -> DrillReport:
    return DrillReport(
        tables=compare(source, restored, ahead or {}),
        snapshot="00000003-00000002-1",
        snapshot_started=0.0,
        snapshot_taken=0.1,
        dump_seconds=1.0,
        restore_seconds=2.0,
        dump_bytes=1_000_000,
        scratch_database="groundwork_drill_test",
    )


USERS = ("public", "members_user")
VOTES = ("public", "democracy_sealedvote")


def test_identical_tables_pass_the_drill():
    same = {USERS: (3, "a" * 32), VOTES: (0, "0" * 32)}
    drill = report(same, dict(same))
    assert drill.ok and drill.rows == 3
    assert all(line.endswith("match") for line in report_lines(drill)[1:3])


def test_a_changed_row_a_missing_table_and_a_sequence_behind_each_fail_the_drill():
    source = {USERS: (3, "a" * 32), VOTES: (5, "b" * 32)}
    assert not report(source, {USERS: (3, "c" * 32), VOTES: (5, "b" * 32)}).ok
    missing = report(source, {USERS: (3, "a" * 32)})
    assert not missing.ok
    assert "democracy_sealedvote           5           -" in "\n".join(report_lines(missing))
    behind = report(source, dict(source), ahead={USERS: False})
    assert not behind.ok
    assert "MISMATCH (its sequence is behind its keys)" in report_lines(behind)[2]
    assert "1 mismatched" in "\n".join(report_lines(behind))


def test_an_empty_database_does_not_pass_the_drill():
    assert not report({}, {}).ok


def test_the_password_goes_to_pg_dump_in_its_environment_not_its_command_line():
    parameters = libpq_parameters(
        {"dbname": "groundwork", "host": "127.0.0.1", "password": "s3cret", "cursor_factory": 1}
    )
    assert parameters == {"dbname": "groundwork", "host": "127.0.0.1", "password": "s3cret"}
    environment = environment_for(parameters)
    assert environment["PGPASSWORD"] == "s3cret" and environment["PGDATABASE"] == "groundwork"

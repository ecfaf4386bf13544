"""The backup drill under load, with its figures (docs/backups.md; bench/RESULTS.md).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gw_backup .venv/bin/python bench/backup_drill.py

Against a seeded throwaway database (e.g. `manage.py generate_scale --members 20000 --groups
200`): adds a drill group with an event, a petition and an open secret ballot, then starts a
writer thread (tests/faults/load.py) that signs people up, RSVPs, signs and votes through the
real actions, one committed step after another. While it writes, the drill (groundwork/core/
backups.py, the same code as `manage.py backup_drill`) exports a snapshot, runs pg_dump in it,
restores into a scratch database that it creates and drops, and compares every table. The
writer's steps are then checked against the restore: those committed before the snapshot are in
it, those begun after it are not. It writes to the database it is given (the drill group and
its writer's people): never point it at a site's real database; `manage.py backup_drill` is the
read-only drill for that. Bounded: the writer stops after --max-seconds (120) or 5,000 steps.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django() -> None:
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gw_backup")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("TASKS_BACKEND", "database")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--electors", type=int, default=2000, help="Voters in the drill ballot.")
    parser.add_argument("--jobs", type=int, default=1, help="pg_restore's parallel jobs.")
    parser.add_argument("--max-seconds", type=float, default=120.0)
    arguments = parser.parse_args()
    setup_django()

    import psycopg
    from django.db import connection

    from groundwork.core.backups import libpq_parameters, report_lines, run_drill
    from tests.faults.load import Writer, set_the_stage, what_a_database_holds

    started = time.monotonic()
    stage = set_the_stage(arguments.electors, slug=f"backup-drill-{int(time.time())}")
    print(f"stage set in {time.monotonic() - started:.1f} s", flush=True)
    writer = Writer(stage, max_steps=5000, max_seconds=arguments.max_seconds).start()
    seen: dict[str, set[str]] = {}

    def read_the_restore(target: dict[str, str]) -> None:
        with psycopg.connect(**target) as restored:  # type: ignore[arg-type]
            seen.update(what_a_database_holds(restored.cursor(), list(writer.steps), stage))

    try:
        writer.wait_for(5)
        drill_started = time.monotonic()
        report = run_drill(
            libpq_parameters(connection.get_connection_params()),
            jobs=arguments.jobs,
            on_restored=read_the_restore,
        )
        drill_seconds = time.monotonic() - drill_started
        dump_ended = report.snapshot_taken + report.dump_seconds
    finally:
        writer.stop()
    for line in report_lines(report):
        print(line)
    before = [s for s in writer.steps if s.committed < report.snapshot_started]
    after = [s for s in writer.steps if s.began > report.snapshot_taken]
    during_dump = [s for s in after if s.committed < dump_ended]
    problems = [
        f"{kind}: {len({s.email for s in before} - seen[kind])} before missing, "
        f"{len({s.email for s in after} & seen[kind])} after present"
        for kind in ("user", "rsvp", "signature", "vote")
        if ({s.email for s in before if kind != "vote" or s.voter_id} - seen[kind])
        or ({s.email for s in after} & seen[kind])
    ]
    print(
        f"writer: {len(writer.steps)} steps ({len(before)} before the snapshot, {len(after)} "
        f"after it, {len(during_dump)} committed while pg_dump ran), errors: {len(writer.errors)}"
    )
    print(f"whole drill {drill_seconds:.1f} s; steps before/after the snapshot: {problems or 'ok'}")
    return 0 if report.ok and not problems and not writer.errors else 1


if __name__ == "__main__":
    sys.exit(main())

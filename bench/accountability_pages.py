"""Import the full 2010-15 Commons and its votes, timed, then load a representative's page, a
policy's page and a scorecard against the framework ceiling (issue #12's performance targets).

    .venv/bin/python bench/accountability_pages.py [--duration 20] [--skip-import]

Uses its own PostgreSQL database `groundwork_bench_accountability` on 127.0.0.1:5432 (user
postgres, trust): drops and recreates it (unless --skip-import), migrates it, then runs, each as
its own `manage.py` process timed from start to exit:

1. `import_representatives` on EveryPolitician's Popolo file (672 memberships of 669 MPs);
2. `import_representatives` on YourNextMP's 2015 winners (650 rows, as of 2015-05-08);
3. `import_votes` on the folder holding `publicwhip_2013/` and `parlparse/`.

The target is the three under 30 s together. Then, like bench/run.py (whose helpers it uses:
gunicorn with 2 sync workers, production-like settings, wrk 16 connections for throughput and 2
for latency, the ceiling first and last), it loads Danny Alexander's page (29 policies scored),
policy 1110's page (its divisions and the first 50 MPs' agreement) and his scorecard on it. The
target is ≥ 50% of the ceiling. The audit log is topped up to 50 entries first, so the ceiling
renders the same 50 rows as in bench/run.py.
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import run  # bench/run.py: the same server, load generator and ceiling

DATABASE = "groundwork_bench_accountability"
DATA = run.ROOT.parent / "shared" / "testdata" / "representatives"
STEPS = [
    (
        "import_representatives (Popolo, 2010-15 Commons)",
        [
            "import_representatives",
            "popolo_everypolitician_uk_commons/ep-popolo-v1.0.term-55.json",
            "--format",
            "popolo",
            "--as-of",
            "2015-03-30",
        ],
    ),
    (
        "import_representatives (YourNextMP 2015 winners)",
        [
            "import_representatives",
            "ynmp_2015_winners/candidates_2015_elected_only.csv",
            "--format",
            "ynmp",
            "--as-of",
            "2015-05-08",
        ],
    ),
    ("import_votes (Public Whip 2013 + parlparse)", ["import_votes", "."]),
]

PICK = """
from groundwork.accountability.models import Identifier, Policy
from groundwork.core.models import AuditEntry
missing = 50 - AuditEntry.objects.count()
AuditEntry.objects.bulk_create(
    AuditEntry(verb="bench.filler", target_type="bench", target_id=str(n), target_label="row")
    for n in range(max(missing, 0))
)
person = Identifier.objects.get(scheme="publicwhip", value="40331").person
policy = Policy.objects.get(external_id="1110")
answer = {"person": person.get_absolute_url(), "name": person.name,
          "policy": policy.get_absolute_url(), "title": policy.title,
          "scorecard": f"{person.get_absolute_url()}policies/{policy.pk}/"}
"""


def timed_imports(data: Path) -> list[tuple[str, float, str]]:
    """Run each import as its own process; (name, seconds, its summary line)."""
    timings = []
    for name, arguments in STEPS:
        arguments = [
            str(data / a) if a.endswith((".json", ".csv")) or a == "." else a for a in arguments
        ]
        started = time.monotonic()
        done = subprocess.run(
            [str(run.PYTHON), "manage.py", *arguments, "--skip-checks"],
            cwd=run.ROOT,
            text=True,
            capture_output=True,
        )
        seconds = time.monotonic() - started
        if done.returncode:
            sys.stderr.write(done.stdout + done.stderr)
            raise SystemExit(f"{name} failed")
        summary = done.stdout.strip().splitlines()[-1]
        print(f"{name}: {seconds:.2f} s — {summary}", flush=True)
        timings.append((name, seconds, summary))
    return timings


def fresh_database() -> None:
    import psycopg

    with psycopg.connect(f"{run.SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=20, help="seconds of load per page")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--latency-duration", type=int, default=10)
    parser.add_argument("--skip-import", action="store_true", help="reuse the imported database")
    parser.add_argument("--data", type=Path, default=DATA)
    options = parser.parse_args()
    run.SERVER_ENV["DATABASE_URL"] = f"{run.SERVER}/{DATABASE}"
    os.environ.update(run.SERVER_ENV)
    timings = []
    if not options.skip_import:
        fresh_database()
        run.manage("migrate", "--noinput", "-v0", "--skip-checks")
        started = time.monotonic()
        run.manage("import_votes", "--help", "--skip-checks")
        startup = time.monotonic() - started
        print(f"start-up of one manage.py process (import_votes --help): {startup:.2f} s")
        timings = timed_imports(options.data)
        total = sum(seconds for _, seconds, _ in timings)
        print(
            f"imports together: {total:.2f} s (target < 30 s); less 3 start-ups: "
            f"{total - 3 * startup:.2f} s",
            flush=True,
        )
    run.collect_static()
    picked = run.django_query(PICK)
    pages = [
        run.Page("ceiling (50 rows)", "/bench/ceiling/", expect="<table>"),
        run.Page("representative (29 policies)", picked["person"], expect=picked["name"]),
        run.Page("policy 1110 (page 1 of MPs)", picked["policy"], expect=picked["title"]),
        run.Page("scorecard (Alexander, 1110)", picked["scorecard"], expect="Agreement:"),
        run.Page("ceiling, again", "/bench/ceiling/", expect="<table>"),
    ]
    queries = run.count_queries(pages)
    port = run.free_loopback_port()
    server = run.start_gunicorn(port)
    try:
        run.wait_until_up(port, server)
        base = f"http://127.0.0.1:{port}"
        for page in pages:
            run.check_page(base, page)
        results = [run.load(base, page, options) for page in pages]
    finally:
        run.stop(server)
    run.print_page_table(results, queries, options)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Importing a members' list of 100,000 rows from the file, end to end, on PostgreSQL; and the
peak memory at 10,000 rows against 100,000, to show it does not grow with the file.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gw_bench_imports \\
        .venv/bin/python bench/member_import.py [--rows 10000 100000] [--tracemalloc]

For each size, a child process (so each has its own peak resident memory): writes an Action
Network-shaped CSV to var/ (1 row in 100 an invalid email, 1 in 200 without one, 1 in 100 a
duplicate of an earlier row in other case), then runs what `manage.py import_members` runs
(`check_upload_member_import`, `check_start_member_import`, `do_run_member_import`) into an
empty group: every good row invited. Then the same file again (every row unchanged). It prints
the seconds of each, the summary lines, and the process's peak resident memory (ru_maxrss, which
includes `migrate` and Django's start); with --tracemalloc, instead, the peak of the Python
memory allocated during each run alone (slower: time it without).
The invitation emails are jobs enqueued per batch, sent later by the worker: not timed here.
"""

import argparse
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

HEADER = "uuid,first_name,last_name,email,zip_code,country,can2_phone,can2_subscription_status\n"


def write_file(rows: int) -> Path:
    path = ROOT / "var" / f"bench-members-{rows}.csv"
    path.parent.mkdir(exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER)
        for number in range(rows):
            if number % 100 == 7:
                email = f"person{number}-at-example.org"
            elif number % 200 == 11:
                email = ""
            elif number % 100 == 13 and number > 100:
                email = f"PERSON{number - 100}@example.org"
            else:
                email = f"person{number}@example.org"
            out.write(
                f"{number:08d}-uuid,First{number},Last{number},{email},SE15 {number % 9}AB,GB,"
                f"0207{number:07d},subscribed\n"
            )
    return path


def measure(rows: int, *, traced: bool = False) -> None:
    import django

    django.setup()
    from django.conf import settings

    # As in production: with DEBUG on, Django keeps the last 9,000 queries' SQL (each batch's
    # insert is ~100 KB), which would be measured as the import's memory.
    settings.DEBUG = False
    from django.core.files import File
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from groundwork.groups.actions.member_import_runs import do_run_member_import
    from groundwork.groups.actions.member_imports import (
        Summary,
        check_start_member_import,
        check_upload_member_import,
    )
    from groundwork.groups.models import Group, ImportedContact, Invitation, MemberImport

    group, _created = Group.objects.get_or_create(slug="bench-import", name="Bench import")
    ImportedContact.objects.filter(group=group).delete()
    MemberImport.objects.filter(group=group).delete()
    Invitation.objects.filter(group=group).delete()
    path = write_file(rows)
    for label in ("first import", "same file again"):
        if traced:
            tracemalloc.start()
        started = time.perf_counter()
        with path.open("rb") as handle:
            member_import = check_upload_member_import(
                group,
                upload=File(handle, name=path.name),
                file_name=path.name,
                lawful_basis="consent",
                acting_user=None,
            )
        check_start_member_import(member_import, dry_run=False, acting_user=None, in_worker=False)
        finished = do_run_member_import(member_import.pk)
        seconds = time.perf_counter() - started
        assert finished is not None
        memory = f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:5.0f} MB"
        if traced:
            memory = f"traced peak {tracemalloc.get_traced_memory()[1] / 2**20:6.1f} MB"
            tracemalloc.stop()
        print(
            f"{rows:>7} rows, {label:<15}: {seconds:6.1f} s, {memory} | "
            f"{Summary.of(finished).line()}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument(
        "--tracemalloc",
        action="store_true",
        help="Trace Python's allocations during each run (its peak; slower, so not for time).",
    )
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        measure(arguments.child, traced=arguments.tracemalloc)
        return
    print(f"load average before: {os.getloadavg()}", flush=True)
    for rows in arguments.rows:
        traced = ["--tracemalloc"] if arguments.tracemalloc else []
        subprocess.run([sys.executable, __file__, "--child", str(rows), *traced], check=True)
    print(f"load average after: {os.getloadavg()}", flush=True)


if __name__ == "__main__":
    main()

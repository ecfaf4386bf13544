"""Import every file of the shared `uk_indicators/`, each as its own process timed from start to
exit, then load an area's outcomes page, the dashboard of need, an indicator's ranking and an
area's CSV against the framework ceiling, on those figures plus generated history of 20
indicators x 10 years x 400 areas: issue #13's performance targets (each real file imports in
under 10 s; an area page and the dashboard at >= 50% of the ceiling).

    .venv/bin/python bench/outcomes_pages.py [--duration 20] [--skip-generate]

Uses its own PostgreSQL database `groundwork_bench_outcomes` on 127.0.0.1:5432 (user postgres,
trust): drops and recreates it (unless --skip-generate) and migrates it. Then `import_areas`
loads the register of local authorities and the ward lookups (`representatives/lookups/`), and
`import_indicator` imports each file of `uk_indicators/` as published (the 25 data sheets of the
ONS workbook, the Stat-Xplore export, the four indices of deprivation, the four Fingertips files;
the ONS workbook's three sheets that hold no figures are left out). On top, one Django shell
generates with bulk inserts 20 indicators (two of them indices ranked within each nation only)
with 10 financial years each for 400 real areas in use (every
local authority of the register, then Greater Manchester's wards) and for the four nations (80,800
figures, one in 53 suppressed), and links 150 groups to an authority each.

Then, like bench/run.py (whose helpers it uses: gunicorn with 2 sync workers, production-like
settings, wrk 16 connections for throughput and 2 for latency, the ceiling first and last), it
loads each page. The audit log is topped up to 50 entries first, so the ceiling renders the same
50 rows as in bench/run.py. The pages keep their rendered figures in the cache (the local-memory
cache of the embedded setting; Redis in production) under the figures' version, so the figures
below are those of a warm cache, as are the query counts (run.py counts a page's second request);
each cold request also reads the figures (3 more queries) and renders them.
"""

import argparse
import os
import shutil
import sys
import time

import run  # bench/run.py: the same server, load generator and ceiling

DATABASE = "groundwork_bench_outcomes"
DATA = run.ROOT.parent / "shared" / "testdata"
# The ONS workbook's sheets that hold no figures.
NOT_DATA = {"Data dictionary-Table 1.csv", "Notes-Table 1.csv", "Data inclusivity-Table 1.csv"}


def timed_imports() -> list[tuple[str, float, str]]:
    """Import the areas, then every file of uk_indicators/, each as its own process timed from
    start to exit; (file, seconds, its summary line)."""
    timings = []
    steps = [("areas", ["import_areas", str(DATA / "representatives" / "lookups")])]
    files = sorted((DATA / "uk_indicators").rglob("*.csv"))
    steps += [(str(f.relative_to(DATA)), ["import_indicator", str(f)]) for f in files
              if f.name not in NOT_DATA]  # fmt: skip
    for name, arguments in steps:
        started = time.monotonic()
        out = run.manage(*arguments)
        seconds = time.monotonic() - started
        summary = out.strip().splitlines()[-1] if out.strip() else ""
        timings.append((name, seconds, summary))
        print(f"{seconds:6.2f} s  {name}: {summary}", flush=True)
    return timings


GENERATE = """
from datetime import date
from decimal import Decimal
from groundwork.groups.models import Group
from groundwork.outcomes.models import Area, GroupArea, Indicator, Observation

nations = list(Area.objects.filter(gss_code__in=["E92000001", "W92000004", "S92000003", "N92000002"]))
# The authorities in use first (districts, unitary, counties: the level names sort so), then
# wards, to 400.
in_use = Area.objects.filter(
    level__in=["district", "unitary", "upper_tier", "ward"], end_date__isnull=True,
    successions__isnull=True,
).order_by("level", "gss_code")
local = list(in_use[:400])
Indicator.objects.bulk_create(
    Indicator(slug=f"indicator-{number:02d}", name=f"Generated indicator {number:02d}", unit="%",
              better="higher" if number % 3 == 0 else "lower", source="Generated for the bench",
              comparable_within_nation_only=number >= 18)
    for number in range(20)
)
indicators = list(Indicator.objects.filter(slug__startswith="indicator-").order_by("slug"))
areas = nations + local
figures = []
for i, indicator in enumerate(indicators):
    for a, area in enumerate(areas):
        for year in range(2013, 2023):
            n = i * 100_003 + a * 1_009 + year
            value = None if n % 53 == 0 else Decimal((n * 7919) % 10_000) / 100
            figures.append(Observation(
                indicator=indicator, area=area, period=f"{year}/{str(year + 1)[-2:]}",
                period_start=date(year, 4, 1), period_end=date(year + 1, 3, 31), value=value,
                published="" if value is None else f"{value:.2f}",
                status="suppressed" if value is None else "published"))
Observation.objects.bulk_create(figures, batch_size=5000)
Group.objects.bulk_create(
    Group(name=f"Bench group {number}", slug=f"bench-group-{number}") for number in range(150)
)
groups = list(Group.objects.filter(slug__startswith="bench-group-").order_by("slug"))
GroupArea.objects.bulk_create(
    GroupArea(group=group, area=local[(number * 7) % len(local)])
    for number, group in enumerate(groups)
)
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("ANALYZE")  # as autovacuum would soon after an import
answer = {"figures": Observation.objects.count(), "generated": len(figures),
          "areas": len(local), "groups": len(groups)}
"""

PICK = """
from groundwork.core.models import AuditEntry
from groundwork.outcomes.models import GroupArea, Indicator
missing = 50 - AuditEntry.objects.count()
AuditEntry.objects.bulk_create(
    AuditEntry(verb="bench.filler", target_type="bench", target_id=str(n), target_label="row")
    for n in range(max(missing, 0))
)
# An authority: its real figures from the files as well as the generated ones.
area = (GroupArea.objects.select_related("area").filter(area__level__in=["unitary", "district"])
        .order_by("area__gss_code").first().area)
indicator = Indicator.objects.get(slug="indicator-00")
within = Indicator.objects.get(slug="indicator-19")
answer = {"area": area.get_absolute_url(), "name": area.name, "code": area.gss_code,
          "indicator": indicator.get_absolute_url(), "title": indicator.name,
          "slug": indicator.slug, "within": within.slug}
"""


def fresh_database() -> None:
    import psycopg

    with psycopg.connect(f"{run.SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')


def pages(picked: dict) -> list[run.Page]:
    return [
        run.Page("ceiling (50 rows)", "/bench/ceiling/", expect="<table>"),
        run.Page("area page (20 indicators x 10 years)", picked["area"], expect=picked["name"]),
        run.Page(
            "dashboard (400 areas ranked)",
            f"/outcomes/dashboard/?indicator={picked['slug']}",
            expect="Where need is greatest",
        ),
        run.Page(
            "dashboard (ranked within each nation)",
            f"/outcomes/dashboard/?indicator={picked['within']}",
            expect="ranked within each nation separately",
        ),
        run.Page("indicator page (400 bars)", picked["indicator"], expect=picked["title"]),
        run.Page(
            "area CSV (200 figures)",
            f"/outcomes/areas/{picked['code']}.csv",
            expect="indicator,period,value,unit,status,source",
        ),  # fmt: skip
        run.Page("ceiling, again", "/bench/ceiling/", expect="<table>"),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=20, help="seconds of load per page")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--latency-duration", type=int, default=10)
    parser.add_argument("--skip-generate", action="store_true", help="reuse the generated data")
    parser.add_argument(
        "--queries-only", action="store_true", help="count each page's queries; no load"
    )
    options = parser.parse_args()
    if not options.queries_only and not shutil.which("wrk"):
        print("wrk is not installed. Install it with: apt-get install -y wrk", file=sys.stderr)
        return 2
    run.SERVER_ENV["DATABASE_URL"] = f"{run.SERVER}/{DATABASE}"
    os.environ.update(run.SERVER_ENV)
    if not options.skip_generate:
        fresh_database()
        run.manage("migrate", "--noinput", "-v0", "--skip-checks")
        timings = timed_imports()
        slowest = max(timings[1:], key=lambda timing: timing[1])
        print(f"Slowest file: {slowest[0]}, {slowest[1]:.2f} s (target: under 10 s)", flush=True)
        started = time.monotonic()
        made = run.django_query(GENERATE)
        print(
            f"Generated {made['generated']:,} figures ({made['figures']:,} in all) for "
            f"{made['areas']} areas and "
            f"{made['groups']} groups in {time.monotonic() - started:.0f} s",
            flush=True,
        )
    run.collect_static()
    listed = pages(run.django_query(PICK))
    queries = run.count_queries(listed)
    if options.queries_only:
        for page in listed:
            print(f"{page.name}: {queries[f'{page.path} {page.cookie}']} queries")
        return 0
    port = run.free_loopback_port()
    server = run.start_gunicorn(port)
    try:
        run.wait_until_up(port, server)
        base = f"http://127.0.0.1:{port}"
        for page in listed:
            run.check_page(base, page)
        results = [run.load(base, page, options) for page in listed]
    finally:
        run.stop(server)
    run.print_page_table(results, queries, options)
    return 0


if __name__ == "__main__":
    sys.exit(main())

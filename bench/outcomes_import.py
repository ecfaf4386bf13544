"""Importing a file of statistics the size of a large real one: 20,000 figures, on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/groundwork_bench_import \
        .venv/bin/python bench/outcomes_import.py [--figures 20000]

Makes 400 areas with their names (migrating the database first if needed), then times
`check_import_indicator` on a synthetic parsed file of 5 indicators x 400 areas x 10 years (half
the rows by GSS code, half by name, 1 in 20 suppressed): the first import (all added), the same
file again (all unchanged), a dry run of a revised release, and the revised release itself
(every figure updated, its history kept). The largest real file (Fingertips' healthy life
expectancy) holds about 4,300 figures; the issue asks under 10 s per file."""

import argparse
import os
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--figures", type=int, default=20_000)
    arguments = parser.parse_args()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from groundwork.outcomes.actions import check_import_indicator
    from groundwork.outcomes.actions.resolving import fold
    from groundwork.outcomes.models import (
        Area,
        AreaName,
        Indicator,
        IndicatorImport,
        Observation,
        ObservationRevision,
    )
    from groundwork.outcomes.parsing.records import IndicatorSpec, ParsedFile, ParsedObservation

    ObservationRevision.objects.all().delete()
    Observation.objects.all().delete()
    Indicator.objects.filter(slug__startswith="bench-").delete()
    Area.objects.filter(gss_code__startswith="E0899").delete()
    areas = Area.objects.bulk_create(
        Area(gss_code=f"E0899{n:04d}", name=f"Bench {n}", level="unitary", nation="england")
        for n in range(400)
    )
    AreaName.objects.bulk_create(AreaName(area=a, folded=fold(a.name)) for a in areas)
    specs = [IndicatorSpec(key=f"i{k}", slug=f"bench-{k}", name=f"Bench {k}") for k in range(5)]
    years = max(1, arguments.figures // (len(specs) * len(areas)))

    def parsed(bump: str) -> ParsedFile:
        observations: list[ParsedObservation] = []
        for k, spec in enumerate(specs):
            for n, area in enumerate(areas):
                for year in range(2010, 2010 + years):
                    line = len(observations) + 2
                    suppressed = line % 20 == 0
                    text = f"{n}.{k}{year % 100}{bump}"
                    observations.append(
                        ParsedObservation(
                            line=line,
                            indicator=spec.key,
                            area_code=area.gss_code if n % 2 else "",
                            area_name=area.name,
                            period=str(year),
                            period_start=date(year, 1, 1),
                            period_end=date(year, 12, 31),
                            published="" if suppressed else text,
                            value=None if suppressed else Decimal(text),
                            status="suppressed" if suppressed else "published",
                        )
                    )
        return ParsedFile(format="fingertips", indicators=specs, observations=observations)

    def timed(label: str, file: ParsedFile, *, dry_run: bool = False) -> None:
        release = IndicatorImport.objects.create(
            file_name="bench.csv", sha256="0" * 64, format="fingertips", dry_run=dry_run
        )
        started = time.perf_counter()
        report = check_import_indicator(file, release=release, acting_user=None, dry_run=dry_run)
        seconds = time.perf_counter() - started
        print(f"| {label} | {report.summary()} | {seconds:.2f} |")

    first, revised = parsed(""), parsed("1")
    print(f"{connection.vendor}, {len(first.observations)} figures")
    print("| run | summary | seconds |\n|---|---|---:|")
    timed("first import", first)
    timed("the same file again", first)
    timed("dry run of a revised release", revised, dry_run=True)
    timed("the revised release", revised)


if __name__ == "__main__":
    main()

"""python manage.py import_indicator FILE [--format FORMAT] [--indicator SLUG] [--dry-run]

Reads a file of official statistics as published, detecting its format when none is given, and
imports it through `actions.check_import_indicator`. Prints each skipped row and why, then one
summary line: `<rows> rows: <a> added, <u> updated, <n> unchanged, <s> skipped` (observations,
not lines). With --dry-run the same report is printed and nothing is written.

--indicator SLUG imports one indicator of a file that holds several (named by its slug or the
file's own key for it). For a file of one indicator, it stores that indicator's figures under
SLUG: a newer release whose title changed can be kept with the earlier ones. Import the areas
first (import_areas): names are resolved through them."""

import hashlib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from groundwork.core.errors import ActionError
from groundwork.core.management import draw_progress
from groundwork.outcomes import actions
from groundwork.outcomes.actions.imports import read_file
from groundwork.outcomes.models import IndicatorImport


class Command(BaseCommand):
    help = "Import a file of official statistics (indicators and their figures by area)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--format",
            default="",
            choices=IndicatorImport.Format.values,
            help="the file's format (detected when not given)",
        )
        parser.add_argument("--indicator", default="", help="one indicator of the file (slug)")
        parser.add_argument("--dry-run", action="store_true", help="report, change nothing")

    def handle(self, *args, **options) -> None:
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        try:
            parsed = read_file(path.name, data, options["format"])
            if options["indicator"]:
                parsed = actions.restrict_to_indicator(parsed, options["indicator"])
        except ActionError as error:
            raise CommandError(error.message) from error
        with transaction.atomic():
            release = IndicatorImport.objects.create(
                file_name=path.name[:255],
                sha256=hashlib.sha256(data).hexdigest(),
                format=parsed.format,
                dry_run=options["dry_run"],
                status=IndicatorImport.Status.RUNNING,
            )
            report = actions.check_import_indicator(
                parsed,
                release=release,
                acting_user=None,
                dry_run=options["dry_run"],
                progress=self.progress,
            )
            release.status = IndicatorImport.Status.DONE
            release.save()
            if options["dry_run"]:
                transaction.set_rollback(True)
        self.stderr.write("")
        for row in report.report:
            self.stdout.write(f"skipped line {row['line']}: {row['reason']}")
        if options["dry_run"]:
            self.stdout.write("dry run: nothing was changed")
        self.stdout.write(report.summary())

    def progress(self, done: int, total: int) -> None:
        draw_progress(self.stderr, done, total)

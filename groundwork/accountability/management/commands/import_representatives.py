"""python manage.py import_representatives FILE --format popolo|ynmp|council-csv
[--council GSS] [--lookup FILE] [--as-of DATE] [--dry-run]

Reads a published file of representatives and applies it to the register through
`actions.do_import_representatives`. Prints each skipped row and why, then one summary line:
`<rows> rows: <a> added, <u> updated, <n> unchanged, <s> skipped, <e> no longer serving`.
With --dry-run the same report is printed and the transaction is rolled back."""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from groundwork.accountability import actions
from groundwork.accountability.importing import FormatError, Register
from groundwork.accountability.importing.formats import COUNCIL_CSV, FORMATS, decode, parse_register
from groundwork.core.management import draw_progress


class Command(BaseCommand):
    help = "Import councillors, MPs and other representatives from a published file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--format", required=True, choices=FORMATS)
        parser.add_argument("--council", default="", help="the council's GSS code (council-csv)")
        parser.add_argument("--lookup", type=Path, help="the ward lookup of the list's year")
        parser.add_argument(
            "--as-of", type=date.fromisoformat, help="the date the file describes (YYYY-MM-DD)"
        )
        parser.add_argument("--dry-run", action="store_true", help="report, change nothing")

    def handle(self, *args, **options) -> None:
        register = self.parse(options)
        as_of = options["as_of"] or timezone.localdate()
        with transaction.atomic():
            report = actions.do_import_representatives(
                register, as_of=as_of, acting_user=None, progress=self.progress
            )
            if options["dry_run"]:
                transaction.set_rollback(True)
        self.stderr.write("")
        for skipped in report.skipped:
            self.stdout.write(f"skipped line {skipped.line}: {skipped.reason}")
        if options["dry_run"]:
            self.stdout.write("dry run: nothing was changed")
        self.stdout.write(report.summary())

    def parse(self, options) -> Register:
        path: Path = options["file"]
        if options["format"] == COUNCIL_CSV and not (options["council"] and options["lookup"]):
            raise CommandError("council-csv needs --council GSS and --lookup FILE.")
        try:
            return parse_register(
                options["format"],
                read(path),
                council=options["council"],
                lookup=read(options["lookup"]) if options["lookup"] else "",
            )
        except FormatError as error:
            raise CommandError(str(error)) from error

    def progress(self, done: int, total: int) -> None:
        if done == total or done % 25 == 0:
            draw_progress(self.stderr, done, total)


def read(path: Path) -> str:
    """The file's text (see formats.decode)."""
    try:
        return decode(path.read_bytes())
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}") from error

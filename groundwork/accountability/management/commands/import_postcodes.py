"""python manage.py import_postcodes FILE [--dry-run]

Reads an ONS Postcode Directory file (any release importing/onspd.py knows) and applies it
through `actions.do_import_postcodes`, in chunks. Prints each skipped row and why, then one
summary line: `<rows> rows: <a> added, <u> updated, <n> unchanged, <s> skipped`. With --dry-run
the same report is printed and the transaction is rolled back."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from groundwork.accountability import actions
from groundwork.accountability.importing import FormatError, onspd


class Command(BaseCommand):
    help = "Import the ONS Postcode Directory: each postcode's ward, constituency and council."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="report, change nothing")
        parser.add_argument("--chunk-size", type=int, default=5000, help="rows per bulk write")

    def handle(self, *args, **options) -> None:
        path: Path = options["file"]
        self.total = count_rows(path)
        try:
            with path.open(encoding="utf-8-sig", errors="replace", newline="") as lines:
                directory = onspd.read(lines)
                self.stdout.write(f"{path.name}: {directory.release.name}")
                with transaction.atomic():
                    report = actions.do_import_postcodes(
                        directory.rows,
                        acting_user=None,
                        chunk_size=options["chunk_size"],
                        progress=self.progress,
                    )
                    if options["dry_run"]:
                        transaction.set_rollback(True)
        except FormatError as error:
            raise CommandError(str(error)) from error
        self.stderr.write("")
        for skipped in report.skipped:
            self.stdout.write(f"skipped line {skipped.line}: {skipped.reason}")
        if options["dry_run"]:
            self.stdout.write("dry run: nothing was changed")
        self.stdout.write(report.summary())

    def progress(self, done: int) -> None:
        width = 30
        total = max(self.total, done)
        filled = width * done // total if total else width
        bar = "#" * filled + "-" * (width - filled)
        self.stderr.write(f"\r[{bar}] {done}/{total}", ending="")
        self.stderr.flush()


def count_rows(path: Path) -> int:
    """The number of lines after the header (rows, unless quoted fields hold newlines, which
    the directory's do not): a quick first pass, for the progress bar."""
    lines, last = 0, b"\n"
    try:
        with path.open("rb") as file:
            for block in iter(lambda: file.read(1 << 20), b""):
                lines += block.count(b"\n")
                last = block[-1:]
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}") from error
    if last != b"\n":
        lines += 1  # the last line has no newline
    return max(lines - 1, 0)

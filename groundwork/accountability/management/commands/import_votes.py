"""python manage.py import_votes DIR [--twfy-policies FOLDER] [--dry-run]

Reads Public Whip's 2013 files (`DIR/publicwhip_2013/`: the vote matrix and its key, the policies
and their divisions) and parlparse's members list (`DIR/parlparse/all-members-*.xml`), and applies
them through `actions.do_import_votes`. Prints each member who could not be joined to the register
and why, each skipped row and why, then one summary line:
`<rows> rows: <a> added, <u> updated, <n> unchanged, <s> skipped (...)`. Import the register
first (import_representatives): votes are joined to the people it holds. With --twfy-policies,
TheyWorkForYou's current policy files (`<id>.yml`, as twfy-votes publishes them) are imported too,
as policies of their own source beside Public Whip's 2013 versions."""

from dataclasses import replace
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from groundwork.accountability import actions
from groundwork.accountability.publicwhip import FolderError, read_folder, read_twfy_policies
from groundwork.core.management import draw_progress


class Command(BaseCommand):
    help = "Import divisions, votes and policies from Public Whip's files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path)
        parser.add_argument(
            "--twfy-policies",
            type=Path,
            help="a folder of TheyWorkForYou's policy files (<id>.yml), imported beside Public "
            "Whip's",
        )
        parser.add_argument("--dry-run", action="store_true", help="report, change nothing")

    def handle(self, *args, **options) -> None:
        try:
            files = read_folder(options["folder"])
            if options["twfy_policies"]:
                policies = read_twfy_policies(Path(options["twfy_policies"]))
                files = replace(files, twfy_policies=policies)
        except (FolderError, OSError) as error:
            raise CommandError(str(error)) from error
        with transaction.atomic():
            report = actions.do_import_votes(files, acting_user=None, progress=self.progress)
            if options["dry_run"]:
                transaction.set_rollback(True)
        self.stderr.write("")
        for member in report.not_joined:
            self.stdout.write(f"not joined: {member.reason}")
        for skipped in report.skipped:
            self.stdout.write(f"skipped: {skipped.reason}")
        if options["dry_run"]:
            self.stdout.write("dry run: nothing was changed")
        self.stdout.write(report.summary())

    def progress(self, done: int, total: int) -> None:
        if done == total or done % 10 == 0:
            draw_progress(self.stderr, done, total, " divisions")

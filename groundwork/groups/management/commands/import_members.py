"""Import a members' list into a group from the command line, as the page does (the same
actions): everyone new is invited to join, nobody is enrolled. `--dry-run` counts and writes
nothing. A progress bar goes to stderr when it is a terminal; the last line says what happened:

    <rows> rows: <a> added, <u> updated, <n> unchanged, <s> skipped
"""

import sys
from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from groundwork.core.errors import ActionError
from groundwork.groups.actions.member_import_runs import do_run_member_import
from groundwork.groups.actions.member_imports import (
    Summary,
    check_start_member_import,
    check_upload_member_import,
)
from groundwork.groups.models import Group, MemberImport
from groundwork.members.models import User

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Import a members' list (CSV) into a group: each new person is invited to join."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--group", required=True, help="The group's slug.")
        parser.add_argument("--dry-run", action="store_true", help="Count, and write nothing.")
        parser.add_argument(
            "--basis",
            choices=MemberImport.LawfulBasis.values,
            default=MemberImport.LawfulBasis.CONSENT,
            help="The lawful basis for contacting these people (kept with the import).",
        )
        parser.add_argument(
            "--by", default="", help="Email of the organiser the import is recorded as theirs."
        )

    def handle(self, *args, **options) -> None:
        group = Group.objects.filter(slug=options["group"]).first()
        if group is None:
            raise CommandError(f"No group {options['group']!r}.")
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No file {path}.")
        by = User.objects.filter(email__iexact=options["by"]).first() if options["by"] else None
        try:
            with path.open("rb") as handle:
                member_import = check_upload_member_import(
                    group,
                    upload=File(handle, name=path.name),
                    file_name=path.name,
                    lawful_basis=options["basis"],
                    acting_user=by,
                )
            check_start_member_import(
                member_import, dry_run=options["dry_run"], acting_user=by, in_worker=False
            )
        except ActionError as error:
            raise CommandError(error.message) from error
        show = self._show_progress if sys.stderr.isatty() else None
        finished = do_run_member_import(member_import.pk, progress=show)
        if show is not None:
            sys.stderr.write("\n")
        if finished is None or finished.status == MemberImport.Status.FAILED:
            raise CommandError("The file could not be read.")
        self.stdout.write(Summary.of(finished).line())

    def _show_progress(self, member_import: MemberImport) -> None:
        done = member_import.percent_done
        filled = BAR_WIDTH * done // 100
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        sys.stderr.write(f"\r[{bar}] {done:3d}% {member_import.row_count} rows")
        sys.stderr.flush()

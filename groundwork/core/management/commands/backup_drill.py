"""python manage.py backup_drill [--jobs N] [--keep-dump PATH] [--scratch-database NAME]

Proves that a backup of this site's PostgreSQL database restores whole, while the site runs
(docs/backups.md): dumps the database with pg_dump inside one exported snapshot, restores the
dump with pg_restore into a new scratch database on the same server, compares every table's
rows and checksum with the snapshot's, prints one line per table, and drops the scratch
database. Read-only on the site's database; the database user needs CREATEDB. Exits 1 on any
mismatch."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from groundwork.core.backups import BackupError, libpq_parameters, report_lines, run_drill


class Command(BaseCommand):
    help = "Back up the database, restore it into a scratch database, compare every table."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--jobs", type=int, default=1, help="pg_restore's parallel jobs.")
        parser.add_argument(
            "--keep-dump", type=Path, help="Write the dump here and keep it (default: removed)."
        )
        parser.add_argument(
            "--scratch-database",
            help="Name of the scratch database to create and drop (default: a random name).",
        )

    def handle(self, *args, **options) -> None:
        if connection.vendor != "postgresql":
            raise CommandError(
                "The backup drill needs PostgreSQL (DATABASE_URL=postgres://...); for the "
                "embedded SQLite database, copy var/groundwork.sqlite3 with `sqlite3 .backup`."
            )
        source = libpq_parameters(connection.get_connection_params())
        try:
            report = run_drill(
                source,
                jobs=options["jobs"],
                keep_dump=options["keep_dump"],
                scratch_database=options["scratch_database"],
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        for line in report_lines(report):
            self.stdout.write(line)
        if not report.ok:
            raise CommandError("The restore does not match the backup's snapshot (see above).")
        self.stdout.write(self.style.SUCCESS("Every table matches."))

"""python manage.py backup_database --to /var/backups/groundwork [--keep-days 14] [--no-media]

The nightly backup (docs/backups.md; deploy/systemd/groundwork-backup.timer runs it): a pg_dump
of the site's PostgreSQL database in the custom format, checked with `pg_restore --list`, and a
tar archive of the uploaded files (MEDIA_ROOT), both readable by their owner only; then backups
older than --keep-days are deleted. The database's password goes to pg_dump in its environment,
never on a command line. Secrets outside the database (SECRET_KEY, MFA_ENCRYPTION_KEYS) are not
in the backup: keep them apart (docs/backups.md says why)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from groundwork.core.backups import BackupError, libpq_parameters, take_backup


class Command(BaseCommand):
    help = "Dump the database and archive the uploaded files; delete backups past their days."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--to", type=Path, required=True, help="The backups' folder.")
        parser.add_argument("--keep-days", type=int, default=14, help="Days a backup is kept.")
        parser.add_argument("--no-media", action="store_true", help="Leave out the uploaded files.")

    def handle(self, *args, **options) -> None:
        if connection.vendor != "postgresql":
            raise CommandError(
                "backup_database dumps PostgreSQL; back up the embedded SQLite database with "
                "`sqlite3 var/groundwork.sqlite3 \".backup 'copy.sqlite3'\"`."
            )
        if options["keep_days"] < 1:
            raise CommandError("--keep-days must be 1 or more.")
        media_root = None if options["no_media"] else Path(settings.MEDIA_ROOT)
        try:
            backup = take_backup(
                libpq_parameters(connection.get_connection_params()),
                options["to"],
                keep_days=options["keep_days"],
                media_root=media_root,
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        size = backup.dump.stat().st_size
        self.stdout.write(f"{backup.dump} ({size / 1e6:.1f} MB, {backup.seconds:.1f} s)")
        if backup.media is not None:
            self.stdout.write(str(backup.media))
        for path in backup.pruned:
            self.stdout.write(f"deleted {path}")

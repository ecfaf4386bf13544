"""Backups of the site's PostgreSQL database (docs/backups.md): the nightly backup (nightly.py)
and the drill that proves a backup restores whole (drill.py). Plain psycopg and PostgreSQL's own
programs, no ORM: the drill compares two databases table by table, whatever their models."""

from groundwork.core.backups.drill import DrillReport, TableCheck, report_lines, run_drill
from groundwork.core.backups.nightly import Backup, prune, take_backup
from groundwork.core.backups.postgres import (
    BackupError,
    environment_for,
    libpq_parameters,
    program,
)

__all__ = [
    "Backup",
    "BackupError",
    "DrillReport",
    "TableCheck",
    "environment_for",
    "libpq_parameters",
    "program",
    "prune",
    "report_lines",
    "run_drill",
    "take_backup",
]

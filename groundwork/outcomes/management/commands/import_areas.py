"""python manage.py import_areas DIR_OR_FILE [DIR_OR_FILE ...] [--dry-run]

Loads the areas statistics are published for: the UK's countries and England's regions (from a
table in the code, see actions/areas.py), the local authorities of mySociety's register
(uk_local_authorities_future.csv, with their former GSS codes and successions), the name
variants of its name → registry lookup, its GSS → registry lookup (former codes), and ONS ward →
local authority lookups (wdYYcd,wdYYnm,ladYYcd,ladYYnm). A folder stands for the CSV files in it;
each file is recognised by its header. Then every group with an ONS code is linked to the area
of that code (`do_link_group_areas`). Running it again with the same files changes nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from groundwork.outcomes import actions
from groundwork.outcomes.actions.area_files import AreaFileError, read_area_files


class Command(BaseCommand):
    help = "Import areas (countries, regions, local authorities, wards) and their names."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="report, change nothing")

    def handle(self, *args, **options) -> None:
        try:
            files = read_area_files(options["paths"])
        except (AreaFileError, OSError, KeyError, UnicodeDecodeError) as error:
            raise CommandError(str(error)) from error
        with transaction.atomic():
            report = actions.do_import_areas(files, acting_user=None)
            links = actions.do_link_group_areas(acting_user=None)
            if options["dry_run"]:
                transaction.set_rollback(True)
        for where, reason in report.skipped:
            self.stdout.write(f"skipped {where}: {reason}")
        for name, code in links.unknown:
            self.stdout.write(f"group {name}: no area has the code {code}")
        if options["dry_run"]:
            self.stdout.write("dry run: nothing was changed")
        self.stdout.write(report.summary())
        self.stdout.write(f"{links.linked} groups linked to their area, {links.already} already")

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from groundwork.aims.hooks import rollup_changed
from groundwork.demo.alliance import DEMO_PASSWORD, demo_logins, load_demo
from groundwork.groups.hooks import every_group_page_changed
from groundwork.groups.queries import GROUP_DIRECTORY, GROUPS_MAP
from groundwork.members.hooks import landing_changed
from groundwork.members.models import User


class Command(BaseCommand):
    help = "Load the demo alliance into an empty database, and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if the database has members."
        )

    def handle(self, *args, if_empty: bool = False, **options):
        if User.objects.exists():
            if if_empty:
                self.stdout.write("The database already has members; demo data not loaded again.")
                self._print_logins(demo_logins())
                return
            self.stderr.write("The database already has members; load the demo into an empty one.")
            raise SystemExit(1)
        teller_keys: dict[str, str] = {}
        logins = load_demo(teller_keys)
        # Some demo rows are written directly, not by the actions that keep these current.
        GROUPS_MAP.invalidate()
        landing_changed()
        GROUP_DIRECTORY.invalidate()
        every_group_page_changed()
        rollup_changed()
        self._print_logins(logins)
        self._save_teller_keys(teller_keys)

    def _save_teller_keys(self, teller_keys: dict[str, str]) -> None:
        """The demo tellers' keys go to a file beside the demo database (never into it), so that
        whoever tries the demo can act as a teller at a count."""
        path = Path(settings.BASE_DIR) / "var" / "demo-teller-keys.txt"
        path.parent.mkdir(exist_ok=True)
        lines = [f"{who}: {code}" for who, code in teller_keys.items()]
        path.write_text(
            "Teller keys of the demo (shown once in a real alliance; kept here for the demo):\n"
            + "\n".join(lines)
            + "\n"
        )
        self.stdout.write(f"Demo tellers' keys, for counting secret ballots: {path}")

    def _print_logins(self, logins: list[tuple[str, str]]) -> None:
        if not logins:
            return
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password: {DEMO_PASSWORD}):"))
        for email, role in logins:
            self.stdout.write(f"  {email:28} {role}")

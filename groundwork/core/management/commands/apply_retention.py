"""python manage.py apply_retention [--now]

Enqueues the retention job (core.tasks.apply_retention), which deletes or anonymises every kind
of personal data past its period (docs/retention.md). Run it once a day from cron or a systemd
timer (deploy/systemd/groundwork-retention.timer); running it twice changes nothing more.
`--now` runs it here instead and prints what each rule changed."""

from django.core.management.base import BaseCommand, CommandParser

from groundwork.core.tasks import apply_retention


class Command(BaseCommand):
    help = "Enqueue the daily retention job (or run it now with --now)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", action="store_true", help="Run it here, not in the worker.")

    def handle(self, *args, **options) -> None:
        if options["now"]:
            for kind, changed in apply_retention.call().items():
                self.stdout.write(f"{changed:>7}  {kind}")
            return
        result = apply_retention.enqueue()
        self.stdout.write(f"Enqueued the retention job (job {result.id}).")

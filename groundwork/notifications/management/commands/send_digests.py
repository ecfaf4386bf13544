"""python manage.py send_digests --period daily|weekly

Enqueues the digest job; the job worker sends the emails. Run it once a day for the daily digest
and once a week (on Monday) for the weekly one, from cron or a systemd timer (README.md). Running
it again the same day (or week) sends nothing twice."""

from django.core.management.base import BaseCommand, CommandParser

from groundwork.notifications.models import Digest
from groundwork.notifications.tasks import send_digests


class Command(BaseCommand):
    help = "Enqueue the daily or weekly notification digests (the job worker sends them)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", choices=Digest.Period.values, required=True)

    def handle(self, *args, **options) -> None:
        result = send_digests.enqueue(options["period"])
        self.stdout.write(f"Enqueued the {options['period']} digests (job {result.id}).")

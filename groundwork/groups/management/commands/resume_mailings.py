"""Start again organisers' emails whose job worker died mid-send (run it from cron, say hourly).

Only recipients not yet marked sent are sent to: everyone gets the email once, but for the few
(at most 20) that the dead worker had sent to and not yet marked.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand

from groundwork.groups.actions.mailings import do_resume_stalled_mailings


class Command(BaseCommand):
    help = "Re-enqueue mailings that made no progress for a while (their worker died)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--minutes", type=int, default=15, help="No progress for this long.")

    def handle(self, *args, **options) -> None:
        count = do_resume_stalled_mailings(stalled_for=timedelta(minutes=options["minutes"]))
        self.stdout.write(f"{count} mailing(s) resumed.")

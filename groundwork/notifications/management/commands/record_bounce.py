"""Record a bounce or a complaint: the mail server pipes the report to this command.

    manage.py record_bounce < report.eml

With Postfix, for example, an alias for the bounce address: `bounces: "|/srv/groundwork/manage.py
record_bounce"`. The report is a delivery status notification (RFC 3464) or an abuse feedback
report (ARF, RFC 5965); a transient failure or anything else is ignored, and the command still
succeeds, so the mail server does not bounce the bounce.
"""

import sys

from django.core.management.base import BaseCommand

from groundwork.notifications.actions import do_record_bounce_report
from groundwork.notifications.bounces import read_report


class Command(BaseCommand):
    help = "Read a bounce (RFC 3464) or complaint (ARF) from standard input and stop mail to it."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "file", nargs="?", help="Read the report from this file instead of standard input."
        )

    def handle(self, *args, **options) -> None:
        if options["file"]:
            with open(options["file"], "rb") as report_file:
                raw = report_file.read()
        else:
            raw = sys.stdin.buffer.read()
        report = read_report(raw)
        if report is None:
            self.stdout.write("Not a permanent bounce or a complaint: nothing to stop.")
            return
        added = do_record_bounce_report(report)
        self.stdout.write(
            f"{report.reason}: {len(added)} address(es) suppressed, "
            f"{len(report.addresses) - len(added)} already were."
        )

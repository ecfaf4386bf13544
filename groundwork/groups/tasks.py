"""Background jobs of the groups app: organisers' emails to their members, members' lists imported."""

from django.tasks import task

from groundwork.groups.actions import mailing_delivery, mailings, member_import_runs

# Below the default (0): a mailing's batches wait behind every other job that is ready, so a
# large mailing never delays a password reset or a ballot closing.
MAILING_PRIORITY = -10


@task(priority=MAILING_PRIORITY)
def prepare_mailing(*, mailing_id: int) -> None:
    """Write the mailing's recipients, then enqueue its first batch."""
    mailings.do_prepare_mailing(mailing_id)


@task(priority=MAILING_PRIORITY)
def send_mailing_batch(*, mailing_id: int, attempt: int = 1) -> None:
    """Send the mailing's next batch, then enqueue the one after it."""
    mailing_delivery.do_send_mailing_batch(mailing_id, attempt=attempt)


# Imports run in batches; like mailings, they wait behind jobs people are waiting for.
IMPORT_PRIORITY = -10


@task(priority=IMPORT_PRIORITY)
def run_member_import(*, member_import_id: int) -> None:
    """Run a queued members' list import (or dry run), batch by batch."""
    member_import_runs.do_run_member_import(member_import_id)


@task(priority=IMPORT_PRIORITY)
def send_import_invitations(*, member_import_id: int, emails: list[str]) -> None:
    """Email their invitations to the people one batch of an import added."""
    member_import_runs.do_email_import_invitations(member_import_id, emails=emails)

"""Background jobs of the groups app: organisers' emails to their members."""

from django.tasks import task

from groundwork.groups.actions import mailing_delivery, mailings

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

"""Background jobs of notifications: the daily and weekly digests.

Nothing in the job queue repeats by itself, so the digests are started from outside, once a day
and once a week: `python manage.py send_digests --period daily` (a cron job or systemd timer in
production, see README.md) enqueues `send_digests`, which the worker runs.
"""

from datetime import date

from django.tasks import task
from django.utils import timezone

from groundwork.notifications import actions
from groundwork.notifications.queries import members_awaiting_digest

# Members per job: each job is short, so the digests never hold up email sent at once.
BATCH = 200


@task()
def send_digests(period: str) -> int:
    """Enqueue a digest job for every member with notifications waiting for this `period`'s
    digest; returns how many members. Safe to run twice on a day: each member's digest of the
    day (or week) is made once."""
    covers = actions.digest_covers(period, timezone.localdate())
    user_ids = members_awaiting_digest(period)
    for start in range(0, len(user_ids), BATCH):
        send_digests_to.enqueue(user_ids[start : start + BATCH], period, covers.isoformat())
    return len(user_ids)


@task()
def send_digests_to(user_ids: list[int], period: str, covers: str) -> int:
    """Send each member their digest (do_send_digest); returns how many emails were sent."""
    day = date.fromisoformat(covers)
    sent = 0
    for user_id in user_ids:
        sent += bool(actions.do_send_digest(user_id, period=period, covers=day))
    return sent

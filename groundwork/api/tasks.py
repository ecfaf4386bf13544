"""Background jobs of the API app: delivering webhooks.

Each delivery is one job per attempt; a failed attempt enqueues the next with `run_after` (the
task API does not retry by itself), as core's email jobs do.
"""

from django.tasks import task

from groundwork.api import actions


@task()
def deliver_webhook(delivery_id: int, attempt: int = 1) -> str:
    """Make attempt `attempt` of a webhook delivery (do_attempt_webhook_delivery); safe to run
    twice."""
    return actions.do_attempt_webhook_delivery(delivery_id, attempt=attempt)

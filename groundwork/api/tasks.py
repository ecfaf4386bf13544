"""Background jobs of the API app: delivering webhooks.

Each delivery is one job per attempt; a failed attempt enqueues the next with `run_after` (the
task API does not retry by itself), as core's email jobs do.
"""

from django.tasks import TaskContext, task

from groundwork.api import actions


@task(takes_context=True)
def deliver_webhook(context: TaskContext, delivery_id: int, attempt: int = 1) -> str:
    """Make attempt `attempt` of a webhook delivery (do_attempt_webhook_delivery); safe to run
    twice. A job run again after its worker died (context.attempt > 1) resumes an attempt that
    worker claimed but never logged."""
    return actions.do_attempt_webhook_delivery(
        delivery_id, attempt=attempt, resumed=context.attempt > 1
    )

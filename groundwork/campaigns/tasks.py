"""Background jobs of campaigns: forgetting signatures nobody confirmed."""

from django.tasks import task

from groundwork.campaigns import actions


@task()
def prune_unverified_signatures() -> int:
    """Delete unverified signatures older than the verification window (idempotent)."""
    return actions.do_prune_unverified_signatures()

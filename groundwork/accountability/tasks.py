"""Jobs of the accountability app: a recall petition expiring at the end of its window.

The job is an entry point: it finds the petition and calls the action, which checks the state it
acts on, so a retried or early job does no harm."""

from datetime import datetime

from django.tasks import task

from groundwork.accountability.models import RecallPetition


def schedule_recall_expiry(petition_id: int, closes_at: datetime) -> None:
    """Expire the petition at the end of its window, unless it has reached its ballot by then."""
    expire_recall_petition.using(run_after=closes_at).enqueue(petition_id)


@task()
def expire_recall_petition(petition_id: int) -> bool:
    """Expire the petition if its window has passed without enough signatures
    (do_expire_recall_petition)."""
    from groundwork.accountability.actions import do_expire_recall_petition

    petition = RecallPetition.objects.filter(pk=petition_id).first()
    return do_expire_recall_petition(petition) if petition else False

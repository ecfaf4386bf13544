"""Jobs of the accountability app: importing the register, and a recall petition expiring at
the end of its window. Each finds what its arguments name and calls the action that
does the work; the actions are idempotent, so a retried job does no harm."""

from datetime import datetime

from django.tasks import task

from groundwork.accountability.models import RecallPetition, RegisterImport


@task()
def run_register_import(register_import_id: int) -> str:
    """Import a file a coordinator uploaded (do_run_register_import)."""
    from groundwork.accountability.actions import do_run_register_import

    register_import = RegisterImport.objects.filter(pk=register_import_id).first()
    return do_run_register_import(register_import) if register_import else "nothing to do"


# Recall


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

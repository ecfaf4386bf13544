"""Jobs of the projects app: reminding volunteers the day before their shift.

The job is an entry point: it finds the shift and calls the action that does the work. That is
idempotent: the reminder is told once per volunteer per shift (`do_notify` keys), and a job that
runs early, before the day before, puts itself back for the right time.
"""

from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from groundwork.projects.models import Shift

REMIND_BEFORE = timedelta(days=1)


def schedule_shift_reminder(shift: Shift) -> None:
    """Once a shift is on the rota: remind its volunteers a day before it starts."""
    remind_at = shift.starts_at - REMIND_BEFORE
    if remind_at > timezone.now():
        remind_shift_volunteers.using(run_after=remind_at).enqueue(shift.pk)


@task()
def remind_shift_volunteers(shift_id: int) -> int:
    """Remind the shift's volunteers the day before (do_remind_shift_volunteers); returns how many
    were newly told."""
    from groundwork.projects.actions import do_remind_shift_volunteers

    shift = Shift.objects.select_related("project").filter(pk=shift_id).first()
    return do_remind_shift_volunteers(shift) if shift else 0

"""Jobs of the projects app: reminding volunteers the day before their shift.

Idempotent: the reminder is told once per volunteer per shift (`notify` keys), and a job that
runs early, before the day before, puts itself back for the right time.
"""

from datetime import timedelta

from django.tasks import task
from django.urls import reverse
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
    """Tell each volunteer on the shift about it; returns how many were newly told."""
    from groundwork.notifications.actions import notify

    shift = Shift.objects.select_related("project").filter(pk=shift_id).first()
    now = timezone.now()
    if shift is None or shift.starts_at <= now:
        return 0
    if shift.starts_at - REMIND_BEFORE > now + timedelta(minutes=5):
        remind_shift_volunteers.using(run_after=shift.starts_at - REMIND_BEFORE).enqueue(shift_id)
        return 0
    when = timezone.localtime(shift.starts_at)
    text = f"Tomorrow: {shift.title} for {shift.project.name}, {when:%A %-d %B at %H:%M}."
    return notify(
        shift.signups.values_list("user_id", flat=True),
        # The start in the key: a shift moved to another time is reminded of again.
        key=f"shift-{shift.pk}-reminder-{shift.starts_at:%Y%m%d%H%M}",
        text=text,
        url=reverse("projects:detail", kwargs={"pk": shift.project_id}),
        email_subject=f"Your shift tomorrow: {shift.title}",
        email_body=f"Thank you for volunteering. {text}",
    )

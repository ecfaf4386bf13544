"""A project's rota: adding, editing and cancelling shifts; volunteers take and give up places."""

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from groundwork.core.audit import changes, record
from groundwork.core.errors import ActionError
from groundwork.groups.hooks import group_page_changed
from groundwork.groups.models import Group
from groundwork.members.models import User
from groundwork.notifications.actions import do_notify
from groundwork.notifications.models import NotificationKind
from groundwork.projects.models import Project, Shift, ShiftSignup


@transaction.atomic
def do_add_shift(
    project: Project,
    *,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    places: int,
    acting_user: User,
) -> Shift:
    """Add a shift to the rota; its volunteers are reminded the day before."""
    from groundwork.projects.tasks import schedule_shift_reminder

    shift = Shift.objects.create(
        project=project, title=title, starts_at=starts_at, ends_at=ends_at, places=places
    )
    group_page_changed(project.group_id)  # the places left on its projects' shifts
    record(
        actor=acting_user,
        verb="shift.added",
        target=shift,
        group_id=project.group_id,
        new={"title": title, "starts_at": starts_at.isoformat(), "places": places},
    )
    transaction.on_commit(lambda: schedule_shift_reminder(shift))
    return shift


def _shift_values(shift: Shift) -> dict:
    return {
        "title": shift.title,
        "starts_at": shift.starts_at.isoformat(),
        "ends_at": shift.ends_at.isoformat(),
        "places": shift.places,
    }


def _to_the_minute(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)


def _when(moment: datetime) -> str:
    local = timezone.localtime(moment)
    # Translators: a shift's start, such as "Saturday 14 March at 10:00".
    return _("%(day)s at %(time)s") % {
        "day": date_format(local, "l j F"),
        "time": date_format(local, "H:i"),
    }


@transaction.atomic
def check_edit_shift(
    shift: Shift,
    *,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    places: int,
    acting_user: User,
) -> Shift:
    """Change a shift's title, time and places; places never drop below the volunteers already
    signed up. If the time changes, they are told, and reminded for the new time."""
    from groundwork.projects.tasks import schedule_shift_reminder

    # The lock makes a sign-up wait, so the count checked here is the count kept.
    shift = Shift.objects.select_for_update().select_related("project").get(pk=shift.pk)
    group_page_changed(shift.project.group_id)  # the places left on its projects' shifts
    if places < shift.signup_count:
        raise ActionError(
            ngettext(
                "%(count)d volunteer has signed up already, so the shift needs at least "
                "%(count)d place. Ask them to give up their place first if you need fewer.",
                "%(count)d volunteers have signed up already, so the shift needs at least "
                "%(count)d places. Ask one of them to give up their place first if you need "
                "fewer.",
                shift.signup_count,
            )
            % {"count": shift.signup_count},
            field="places",
        )
    # Times are edited to the minute: the same minute is no move, even with seconds stored.
    if _to_the_minute(starts_at) == _to_the_minute(shift.starts_at):
        starts_at = shift.starts_at
    if _to_the_minute(ends_at) == _to_the_minute(shift.ends_at):
        ends_at = shift.ends_at
    old = _shift_values(shift)
    moved = (starts_at, ends_at) != (shift.starts_at, shift.ends_at)
    shift.title, shift.starts_at, shift.ends_at, shift.places = title, starts_at, ends_at, places
    old, new = changes(old, _shift_values(shift))
    if not new:
        return shift
    shift.save(update_fields=["title", "starts_at", "ends_at", "places"])
    record(
        actor=acting_user,
        verb="shift.edited",
        target=shift,
        group_id=shift.project.group_id,
        old=old,
        new=new,
    )
    if moved:
        volunteers = list(shift.signups.values_list("user_id", flat=True))
        text = _("Moved: %(shift)s for %(project)s is now %(when)s.") % {
            "shift": shift.title,
            "project": shift.project.name,
            "when": _when(starts_at),
        }
        url = reverse("projects:detail", kwargs={"pk": shift.project_id})
        key = f"shift-{shift.pk}-moved-{starts_at:%Y%m%d%H%M}"
        transaction.on_commit(
            lambda: do_notify(
                volunteers, kind=NotificationKind.PROJECTS, key=key, text=text, url=url
            )
        )
        transaction.on_commit(lambda: schedule_shift_reminder(shift))
    return shift


@transaction.atomic
def do_delete_shift(shift: Shift, *, acting_user: User) -> None:
    """Cancel a shift: it leaves the rota, and the volunteers signed up are told (in the app and
    by email) once it is done."""
    shift = Shift.objects.select_for_update().select_related("project").get(pk=shift.pk)
    volunteers = list(shift.signups.values_list("user_id", flat=True))
    group_page_changed(shift.project.group_id)  # the places left on its projects' shifts
    record(
        actor=acting_user,
        verb="shift.deleted",
        target=shift,
        group_id=shift.project.group_id,
        old=_shift_values(shift) | {"volunteers": volunteers},
    )
    text = _("Cancelled: %(shift)s for %(project)s, %(when)s.") % {
        "shift": shift.title,
        "project": shift.project.name,
        "when": _when(shift.starts_at),
    }
    url = reverse("projects:detail", kwargs={"pk": shift.project_id})
    key = f"shift-{shift.pk}-cancelled"
    subject = _("Cancelled: %(shift)s") % {"shift": shift.title}
    body = _("%(text)s You do not need to come. Thank you for offering your time.") % {"text": text}
    shift.delete()
    transaction.on_commit(
        lambda: do_notify(
            volunteers,
            kind=NotificationKind.PROJECTS,
            key=key,
            text=text,
            url=url,
            email_subject=subject,
            email_body=body,
        )
    )


def do_remind_shift_volunteers(shift: Shift) -> int:
    """Tell each volunteer on the shift about it the day before; returns how many were newly told
    (once each per start time). Nobody once it has begun; run early, it schedules itself again."""
    from groundwork.projects.tasks import REMIND_BEFORE, schedule_shift_reminder

    now = timezone.now()
    if shift.starts_at <= now:
        return 0
    if shift.starts_at - REMIND_BEFORE > now + timedelta(minutes=5):
        schedule_shift_reminder(shift)
        return 0
    text = _("Tomorrow: %(shift)s for %(project)s, %(when)s.") % {
        "shift": shift.title,
        "project": shift.project.name,
        "when": _when(shift.starts_at),
    }
    return do_notify(
        shift.signups.values_list("user_id", flat=True),
        # The start in the key: a shift moved to another time is reminded of again.
        kind=NotificationKind.PROJECTS,
        key=f"shift-{shift.pk}-reminder-{shift.starts_at:%Y%m%d%H%M}",
        text=text,
        url=reverse("projects:detail", kwargs={"pk": shift.project_id}),
        email_subject=_("Your shift tomorrow: %(shift)s") % {"shift": shift.title},
        email_body=_("Thank you for volunteering. %(text)s") % {"text": text},
    )


@transaction.atomic
def check_sign_up(shift: Shift, *, acting_user: User) -> ShiftSignup:
    """Take a place on the shift (once: signing up again finds the first place); refused when
    the shift is full or over."""
    existing = ShiftSignup.objects.filter(shift=shift, user=acting_user).first()
    if existing:
        return existing
    if shift.ends_at <= timezone.now():
        raise ActionError(_("This shift is over."))
    # Take a place only if one is left, in one statement: two people cannot take the last one.
    taken = Shift.objects.filter(pk=shift.pk, signup_count__lt=F("places")).update(
        signup_count=F("signup_count") + 1
    )
    if not taken:
        raise ActionError(_("Sorry, this shift is full."))
    group_page_changed(shift.project.group_id)  # the places left on its projects' shifts
    try:
        with transaction.atomic():
            signup = ShiftSignup.objects.create(shift=shift, user=acting_user)
    except IntegrityError:  # a double click that raced the first: give the place back
        Shift.objects.filter(pk=shift.pk).update(signup_count=F("signup_count") - 1)
        return ShiftSignup.objects.get(shift=shift, user=acting_user)
    record(
        actor=acting_user,
        verb="shift.signed_up",
        target=signup,
        group_id=shift.project.group_id,
        new={"shift": shift.pk},
    )
    return signup


@transaction.atomic
def do_cancel_signup(shift: Shift, *, member: User | None = None, acting_user: User) -> bool:
    """Give up the member's place on the shift (or `member`'s, when they leave the project's
    group); True if they had one."""
    member = member or acting_user
    deleted, _per_model = ShiftSignup.objects.filter(shift=shift, user=member).delete()
    if not deleted:
        return False
    Shift.objects.filter(pk=shift.pk).update(signup_count=F("signup_count") - 1)
    group_page_changed(shift.project.group_id)  # the places left on its projects' shifts
    record(
        actor=acting_user,
        verb="shift.cancelled",
        target=shift,
        group_id=shift.project.group_id,
        old={"volunteer": member.pk},
    )
    return True


@transaction.atomic
def do_withdraw_signups_of_former_member(
    group: Group, *, member: User, acting_user: User
) -> list[Shift]:
    """Give up `member`'s places on shifts not yet over of `group`'s projects, as they leave it.

    Only members of a group sign up for its rotas, so every upcoming place goes, and the place
    is free for a member at once. Shifts already over keep their record. Called while the
    membership still exists (groups' member_left hook).
    """
    shifts = (
        Shift.objects.filter(project__group=group, ends_at__gt=timezone.now(), signups__user=member)
        .select_related("project")
        .order_by("starts_at", "id")
    )
    return [
        shift for shift in shifts if do_cancel_signup(shift, member=member, acting_user=acting_user)
    ]

"""Answering an event: RSVPs and the waiting list (under a lock on the event's row), check-in at
the door, and withdrawing the answers of a member who leaves the event's group."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.core.audit import record
from groundwork.core.errors import ActionError
from groundwork.events import hooks
from groundwork.events.actions._common import ACTIVE, _promote_waiting, _recount
from groundwork.events.models import Event, Rsvp
from groundwork.groups.models import Group
from groundwork.groups.rules import is_coordinator, roles_of
from groundwork.members.hooks import member_home_changed
from groundwork.members.models import User


@transaction.atomic
def check_rsvp(event: Event, *, acting_user: User) -> Rsvp:
    """Say you are going: a place if there is one, else the waiting list. Idempotent."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.is_cancelled:
        raise ActionError(_("This event has been cancelled."))
    if event.ends_at <= timezone.now():
        raise ActionError(_("This event is over."))
    rsvp = Rsvp.objects.filter(event=event, user=acting_user).first()
    if rsvp and rsvp.status in ACTIVE:
        return rsvp
    confirmed = Rsvp.objects.filter(event=event, status=Rsvp.Status.CONFIRMED).count()
    full = event.capacity is not None and confirmed >= event.capacity
    status = Rsvp.Status.WAITLISTED if full else Rsvp.Status.CONFIRMED
    if rsvp is None:
        rsvp = Rsvp(event=event, user=acting_user)
    rsvp.status, rsvp.queued_at = status, timezone.now()
    rsvp.save()
    member_home_changed(acting_user.pk)  # their upcoming events
    _recount(event)
    record(
        actor=acting_user,
        verb="rsvp.made",
        target=rsvp,
        group_id=event.group_id,
        new={"status": status},
    )
    hooks.rsvp_made.send(sender=Rsvp, rsvp=rsvp, acting_user=acting_user)
    return rsvp


@transaction.atomic
def do_cancel_rsvp(event: Event, *, member: User | None = None, acting_user: User) -> Rsvp | None:
    """Say you are not going after all (or withdraw `member`'s answer when they leave the
    event's group); if they had a place, the next person waiting gets it."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    member = member or acting_user
    rsvp = Rsvp.objects.filter(event=event, user=member, status__in=ACTIVE).first()
    if rsvp is None:
        return None
    old_status = rsvp.status
    rsvp.status = Rsvp.Status.CANCELLED
    rsvp.checked_in_at = None
    rsvp.save(update_fields=["status", "checked_in_at", "updated_at"])
    member_home_changed(member.pk)  # their upcoming events
    record(
        actor=acting_user,
        verb="rsvp.cancelled",
        target=rsvp,
        group_id=event.group_id,
        old={"status": old_status},
    )
    hooks.rsvp_cancelled.send(sender=Rsvp, rsvp=rsvp, acting_user=acting_user)
    if old_status == Rsvp.Status.CONFIRMED and not event.is_cancelled:
        _promote_waiting(event)
    _recount(event)
    return rsvp


@transaction.atomic
def do_withdraw_rsvps_of_former_member(
    group: Group, *, member: User, acting_user: User
) -> list[Rsvp]:
    """Withdraw `member`'s answers to `group`'s events not yet over that they may no longer see
    once they leave it (members-only ones; alliance-wide ones too if they are left in no group).

    Answers to public events stay: anyone may go to those, and a member who leaves a group has
    not said they will miss its march. Each goes through do_cancel_rsvp, so the waiting list moves.
    Called while the membership still exists (groups' member_left hook).
    """
    hidden = [Event.Visibility.MEMBERS]
    still_in_alliance = bool(set(roles_of(member)) - {group.pk}) or is_coordinator(member)
    if not still_in_alliance:
        hidden.append(Event.Visibility.ALLIANCE)
    events = Event.objects.filter(
        group=group,
        visibility__in=hidden,
        ends_at__gt=timezone.now(),
        rsvps__user=member,
        rsvps__status__in=ACTIVE,
    ).order_by("starts_at", "id")
    withdrawn = []
    for event in events:
        rsvp = do_cancel_rsvp(event, member=member, acting_user=acting_user)
        if rsvp is not None:
            withdrawn.append(rsvp)
    return withdrawn


@transaction.atomic
def check_check_in(rsvp: Rsvp, *, present: bool, acting_user: User) -> Rsvp:
    """An organiser marks someone as arrived (or undoes it) at the door."""
    rsvp = Rsvp.objects.select_for_update().get(pk=rsvp.pk)
    if rsvp.status not in ACTIVE:
        raise ActionError(_("This person said they are not coming; ask them to answer again."))
    rsvp.checked_in_at = timezone.now() if present else None
    rsvp.save(update_fields=["checked_in_at", "updated_at"])
    record(
        actor=acting_user,
        verb="rsvp.checked_in" if present else "rsvp.check_in_undone",
        target=rsvp,
        group_id=rsvp.event.group_id,
    )
    return rsvp

"""Joining a group, leaving it, being removed from it, and a member's role in it."""

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _

from groundwork.core.audit import record
from groundwork.core.email import render_templated_email
from groundwork.core.errors import ActionError
from groundwork.groups.actions._common import _add_member, join_request_key
from groundwork.groups.hooks import group_page_changed, member_left
from groundwork.groups.models import Group, JoinRequest, Membership
from groundwork.groups.queries import GROUP_DIRECTORY
from groundwork.groups.rules import forget_roles
from groundwork.members.hooks import member_home_changed
from groundwork.members.models import User
from groundwork.notifications.actions import do_notify
from groundwork.notifications.models import NotificationKind


@dataclass(frozen=True)
class JoinOutcome:
    membership: Membership | None = None
    request: JoinRequest | None = None


@transaction.atomic
def check_join_group(group: Group, *, message: str = "", acting_user: User) -> JoinOutcome:
    """Join an open group, or ask to join one that approves its members; idempotent."""
    if Membership.objects.filter(group=group, user=acting_user).exists():
        return JoinOutcome(membership=Membership.objects.get(group=group, user=acting_user))
    if group.join_policy == Group.JoinPolicy.INVITATION:
        raise ActionError(
            _("%(group)s takes new members by invitation only.") % {"group": group.name}
        )
    if group.join_policy == Group.JoinPolicy.OPEN:
        membership = _add_member(
            group,
            acting_user,
            role=Membership.Role.MEMBER,
            acting_user=acting_user,
            verb="membership.joined",
        )
        return JoinOutcome(membership=membership)
    try:
        with transaction.atomic():
            join_request = JoinRequest.objects.create(
                group=group, user=acting_user, message=message
            )
    except IntegrityError:
        return JoinOutcome(
            request=JoinRequest.objects.get(
                group=group, user=acting_user, status=JoinRequest.Status.PENDING
            )
        )
    record(actor=acting_user, verb="join_request.made", target=join_request, group_id=group.pk)
    member_home_changed(acting_user.pk)  # their requests waiting for an organiser
    organiser_ids = list(
        group.memberships.filter(role=Membership.Role.ORGANISER).values_list("user_id", flat=True)
    )
    url = reverse("groups:requests", args=[group.slug])
    subject, body = render_templated_email(
        "groups/email/join_request",
        {"group": group, "requester": acting_user, "url": settings.SITE_URL + url},
    )
    transaction.on_commit(
        lambda: do_notify(
            organiser_ids,
            key=join_request_key(join_request),
            kind=NotificationKind.GROUPS,
            text=_("%(name)s asks to join %(group)s.")
            % {"name": acting_user.name, "group": group.name},
            url=url,
            email_subject=subject,
            email_body=body,
        )
    )
    return JoinOutcome(request=join_request)


def _organiser_count(group: Group) -> int:
    return group.memberships.filter(role=Membership.Role.ORGANISER).count()


def _end_membership(membership: Membership, *, acting_user: User, verb: str) -> None:
    group = membership.group
    if membership.role == Membership.Role.ORGANISER and _organiser_count(group) == 1:
        raise ActionError(
            _(
                "%(name)s is the only organiser of %(group)s. Make another member an organiser "
                "first, so the group is never left without one."
            )
            % {"name": membership.user.name, "group": group.name}
        )
    record(
        actor=acting_user,
        verb=verb,
        target=membership,
        group_id=group.pk,
        old={"role": membership.role},
    )
    member_left.send(sender=Membership, membership=membership, acting_user=acting_user)
    membership.delete()
    Group.objects.filter(pk=group.pk).update(member_count=F("member_count") - 1)
    GROUP_DIRECTORY.invalidate()  # it shows the count
    group_page_changed(group.pk)  # its count on its members' home pages
    forget_roles(membership.user)


@transaction.atomic
def check_leave_group(group: Group, *, acting_user: User) -> None:
    """The member leaves the group (a second request is harmless)."""
    membership = (
        Membership.objects.select_for_update().filter(group=group, user=acting_user).first()
    )
    if membership is None:
        return
    _end_membership(membership, acting_user=acting_user, verb="membership.left")


@transaction.atomic
def check_remove_member(membership: Membership, *, acting_user: User) -> None:
    """An organiser removes a member from the group."""
    if membership.user_id == acting_user.pk:
        raise ActionError(_("To leave the group yourself, use “Leave this group”."))
    _end_membership(membership, acting_user=acting_user, verb="membership.removed")


@transaction.atomic
def check_change_role(membership: Membership, *, role: str, acting_user: User) -> Membership:
    """An organiser makes a member an organiser, or an organiser a member again."""
    if role not in Membership.Role.values:
        raise ActionError(_("Choose a role: member or organiser."), field="role")
    if membership.role == role:
        return membership
    if membership.role == Membership.Role.ORGANISER and _organiser_count(membership.group) == 1:
        raise ActionError(_("A group needs at least one organiser."))
    old_role = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    record(
        actor=acting_user,
        verb="membership.role_changed",
        target=membership,
        group_id=membership.group_id,
        old={"role": old_role},
        new={"role": role},
    )
    forget_roles(membership.user)
    return membership


@transaction.atomic
def do_appoint_organiser(group: Group, user: User, *, acting_user: User | None) -> Membership:
    """Make `user` an organiser of `group`, adding them as a member if needed (coordinators, demo)."""
    membership = _add_member(
        group,
        user,
        role=Membership.Role.ORGANISER,
        acting_user=acting_user,
        verb="membership.appointed",
    )
    if membership.role != Membership.Role.ORGANISER:
        membership.role = Membership.Role.ORGANISER
        membership.save(update_fields=["role"])
        record(
            actor=acting_user,
            verb="membership.role_changed",
            target=membership,
            group_id=group.pk,
            old={"role": "member"},
            new={"role": "organiser"},
        )
    return membership

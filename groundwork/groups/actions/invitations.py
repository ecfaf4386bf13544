"""Invitations by email: sent or re-sent, revoked, and accepted through their link."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.core.audit import record
from groundwork.core.errors import ActionError
from groundwork.groups.actions._common import _add_member
from groundwork.groups.models import Group, Invitation, Membership
from groundwork.members.models import User
from groundwork.notifications.email import enqueue_templated_email_to
from groundwork.notifications.models import EmailKind


@transaction.atomic
def check_invite(group: Group, *, email: str, acting_user: User) -> Invitation:
    """Invite someone by email, unless the address is already a member's: then say so."""
    member = (
        Membership.objects.filter(group=group, user__email__iexact=email.strip())
        .select_related("user")
        .first()
    )
    if member is not None:
        raise ActionError(
            _("%(email)s is already a member of %(group)s, as %(name)s.")
            % {"email": email.strip(), "group": group.name, "name": member.user.name},
            field="email",
        )
    return do_invite(group, email=email, acting_user=acting_user)


@transaction.atomic
def do_invite(group: Group, *, email: str, acting_user: User) -> Invitation:
    """Invite someone by email; inviting the same address again re-sends the pending invitation."""
    email = email.strip().lower()
    invitation = Invitation.objects.filter(
        group=group, email=email, status=Invitation.Status.PENDING
    ).first()
    expires_at = timezone.now() + timedelta(days=settings.GROUNDWORK_INVITATION_DAYS)
    if invitation is None:
        invitation = Invitation.objects.create(
            group=group, email=email, invited_by=acting_user, expires_at=expires_at
        )
        verb = "invitation.sent"
    else:
        invitation.expires_at = expires_at
        invitation.save(update_fields=["expires_at", "updated_at"])
        verb = "invitation.resent"
    record(actor=acting_user, verb=verb, target=invitation, group_id=group.pk, new={"email": email})
    enqueue_templated_email_to(
        [email],
        kind=EmailKind.INVITATION,
        template="groups/email/invitation",
        context={
            "group": group,
            "inviter": acting_user,
            "expires_at": expires_at,
            "url": settings.SITE_URL + reverse("groups:invitation", args=[invitation.token]),
        },
    )
    return invitation


@transaction.atomic
def do_revoke_invitation(invitation: Invitation, *, acting_user: User) -> None:
    """An organiser withdraws an invitation that has not been accepted."""
    if invitation.status != Invitation.Status.PENDING:
        return
    invitation.status = Invitation.Status.REVOKED
    invitation.save(update_fields=["status", "updated_at"])
    record(
        actor=acting_user,
        verb="invitation.revoked",
        target=invitation,
        group_id=invitation.group_id,
    )


@transaction.atomic
def check_accept_invitation(invitation: Invitation, *, acting_user: User) -> Membership:
    """Whoever holds the invitation's link joins the group with it, once."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if (
        invitation.status == Invitation.Status.ACCEPTED
        and invitation.accepted_by_id == acting_user.pk
    ):
        return Membership.objects.get(group=invitation.group, user=acting_user)
    if invitation.status != Invitation.Status.PENDING:
        raise ActionError(
            _("This invitation is no longer valid. Ask the group's organisers for a new one.")
        )
    if invitation.expires_at < timezone.now():
        raise ActionError(
            _("This invitation has expired. Ask the group's organisers for a new one.")
        )
    invitation.status = Invitation.Status.ACCEPTED
    invitation.accepted_by = acting_user
    invitation.save(update_fields=["status", "accepted_by", "updated_at"])
    record(
        actor=acting_user,
        verb="invitation.accepted",
        target=invitation,
        group_id=invitation.group_id,
    )
    return _add_member(
        invitation.group,
        acting_user,
        role=Membership.Role.MEMBER,
        acting_user=acting_user,
        verb="membership.invited",
    )

"""Join requests: withdrawn by the person who asked, or decided by one of the group's organisers."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.core.audit import record
from groundwork.core.errors import ActionError
from groundwork.groups.actions._common import _add_member
from groundwork.groups.models import JoinRequest, Membership
from groundwork.members.models import User
from groundwork.notifications.email import enqueue_templated_email_to
from groundwork.notifications.models import EmailKind


@transaction.atomic
def do_withdraw_join_request(join_request: JoinRequest, *, acting_user: User) -> None:
    """The person who asked to join withdraws their pending request."""
    if join_request.status != JoinRequest.Status.PENDING:
        return
    join_request.status = JoinRequest.Status.WITHDRAWN
    join_request.save(update_fields=["status", "updated_at"])
    record(
        actor=acting_user,
        verb="join_request.withdrawn",
        target=join_request,
        group_id=join_request.group_id,
    )


@transaction.atomic
def check_decide_join_request(
    join_request: JoinRequest, *, approve: bool, acting_user: User
) -> JoinRequest:
    """An organiser approves or declines a pending request; the person is told by email."""
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if join_request.status != JoinRequest.Status.PENDING:
        raise ActionError(
            # Translators: the status is the request's status label, in lower case ("approved").
            _("This request was already %(status)s.")
            % {"status": join_request.get_status_display().lower()}
        )
    join_request.status = JoinRequest.Status.APPROVED if approve else JoinRequest.Status.DECLINED
    join_request.decided_by = acting_user
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    record(
        actor=acting_user,
        verb=f"join_request.{join_request.status}",
        target=join_request,
        group_id=join_request.group_id,
    )
    group = join_request.group
    if approve:
        _add_member(
            group,
            join_request.user,
            role=Membership.Role.MEMBER,
            acting_user=acting_user,
            verb="membership.approved",
        )
    enqueue_templated_email_to(
        [join_request.user.email],
        kind=EmailKind.GROUP,
        template="groups/email/join_decision",
        context={
            "group": group,
            "approved": approve,
            "url": settings.SITE_URL + reverse("groups:detail", args=[group.slug]),
        },
    )
    return join_request

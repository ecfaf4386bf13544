"""Join requests: withdrawn by the person who asked, or decided by one of the group's organisers."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.core.audit import record
from groundwork.core.email import render_templated_email
from groundwork.core.errors import ActionError
from groundwork.groups.actions._common import _add_member, join_request_key
from groundwork.groups.models import JoinRequest, Membership
from groundwork.members.hooks import member_home_changed
from groundwork.members.models import User
from groundwork.notifications.actions import do_mark_key_done, do_notify
from groundwork.notifications.models import NotificationKind


@transaction.atomic
def do_withdraw_join_request(join_request: JoinRequest, *, acting_user: User) -> None:
    """The person who asked to join withdraws their pending request."""
    if join_request.status != JoinRequest.Status.PENDING:
        return
    join_request.status = JoinRequest.Status.WITHDRAWN
    join_request.save(update_fields=["status", "updated_at"])
    member_home_changed(join_request.user_id)  # their requests waiting for an organiser
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
    """An organiser approves or declines a pending request; the person is told (in the app, and by
    email as they chose)."""
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
    # Every organiser was asked: whoever decides, the request is done for all of them.
    do_mark_key_done(key=join_request_key(join_request))
    url = reverse("groups:detail", args=[group.slug])
    subject, body = render_templated_email(
        "groups/email/join_decision",
        {"group": group, "approved": approve, "url": settings.SITE_URL + url},
    )
    user_id = join_request.user_id
    if approve:
        text = _("The organisers of %(group)s approved your request: you are a member now.")
    else:
        text = _("The organisers of %(group)s did not approve your request to join this time.")
    text %= {"group": group.name}
    transaction.on_commit(
        lambda: do_notify(
            [user_id],
            key=f"{join_request_key(join_request)}-decided",
            kind=NotificationKind.GROUPS,
            text=text,
            url=url,
            email_subject=subject,
            email_body=body,
        )
    )
    return join_request

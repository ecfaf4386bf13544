"""Asking for a group where there is none near, and the coordinators answering with a group."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groundwork.core.audit import record
from groundwork.core.errors import ActionError
from groundwork.groups.models import Group, GroupRequest
from groundwork.groups.rules import is_coordinator
from groundwork.members.models import User
from groundwork.notifications.actions import do_notify
from groundwork.notifications.email import enqueue_email_to
from groundwork.notifications.models import EmailKind, NotificationKind


def do_request_group(
    district: str, *, note: str = "", email: str = "", acting_user: User | None
) -> tuple[GroupRequest, bool]:
    """Record that someone (a member, or a visitor by their email) wants a group in `district`;
    asking again finds the first request. Returns (the request, whether it is new)."""
    signed_in = acting_user is not None and acting_user.is_authenticated
    who = {"user": acting_user} if signed_in else {"user": None, "email": email.strip().lower()}
    try:
        with transaction.atomic():
            group_request = GroupRequest.objects.create(district=district, note=note, **who)
            record(
                actor=acting_user if signed_in else None,
                verb="group_request.created",
                target=group_request,
                new={"district": district},
            )
    except IntegrityError:
        return GroupRequest.objects.get(district=district, **who), False
    return group_request, True


def check_answer_group_requests(district: str, *, group: Group, acting_user: User) -> int:
    """Answer every waiting request for a group in `district` with `group` (new or existing):
    the requests leave the coordinators' count, and the people who asked are told, members in
    the app and by email, visitors by email. Returns how many were answered (0 if none waited)."""
    if not is_coordinator(acting_user):
        raise ActionError(_("Only the alliance's coordinators can answer requests for groups."))
    with transaction.atomic():
        waiting = list(
            GroupRequest.objects.select_for_update()
            .filter(district=district, answered_at=None)
            .values_list("pk", "user_id", "email")
        )
        if not waiting:
            return 0
        GroupRequest.objects.filter(pk__in=[pk for pk, _user, _email in waiting]).update(
            answered_at=timezone.now(), answered_with=group
        )
        record(
            actor=acting_user,
            verb="group_request.answered",
            target=group,
            group_id=group.pk,
            new={"district": district, "requests": len(waiting)},
        )
        members = [user_id for _pk, user_id, _email in waiting if user_id]
        visitors = [email for _pk, user_id, email in waiting if not user_id and email]
        transaction.on_commit(lambda: _tell_who_asked(district, group, members, visitors))
    return len(waiting)


def _tell_who_asked(district: str, group: Group, members: list[int], visitors: list[str]) -> None:
    url = group.get_absolute_url()
    text = _("You asked for a group in %(district)s: %(group)s is there now. Come and join it.") % {
        "district": district,
        "group": group.name,
    }
    subject = _("A group for %(district)s: %(group)s") % {"district": district, "group": group.name}
    body = _(
        "You asked for a local group in %(district)s. The alliance's coordinators have answered: "
        "%(group)s covers it now. You can read about it and join it here:"
    ) % {"district": district, "group": group.name}
    key = f"group_request.answered:{district}:{group.pk}"
    do_notify(
        members,
        key=key,
        text=text,
        url=url,
        kind=NotificationKind.GROUPS,
        email_subject=subject,
        email_body=body,
    )
    if visitors:
        link = settings.SITE_URL + url
        enqueue_email_to(
            visitors, kind=EmailKind.NOTIFICATION, subject=subject, body=f"{body}\n\n{link}\n"
        )

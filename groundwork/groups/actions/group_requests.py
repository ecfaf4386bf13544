"""Asking for a group where there is none near: one request per person per district."""

from django.db import IntegrityError, transaction

from groundwork.core.audit import record
from groundwork.groups.models import GroupRequest
from groundwork.members.models import User


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

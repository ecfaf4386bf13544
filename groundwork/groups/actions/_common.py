"""What the groups actions share: adding a member, once, with its audit entry and hook."""

from django.db import IntegrityError, transaction
from django.db.models import F

from groundwork.core.audit import record
from groundwork.groups.hooks import group_page_changed, member_joined
from groundwork.groups.models import Group, JoinRequest, Membership
from groundwork.groups.queries import GROUP_DIRECTORY
from groundwork.groups.rules import forget_roles
from groundwork.members.models import User


def join_request_key(join_request: JoinRequest) -> str:
    """The key of the notification that asks the organisers to decide the request."""
    return f"join-request-{join_request.pk}"


def _add_member(
    group: Group, user: User, *, role: str, acting_user: User | None, verb: str
) -> Membership:
    """Make `user` a member, once: a second identical request finds the first membership."""
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                group=group, user=user, role=role, member_name=user.display_name
            )
    except IntegrityError:
        return Membership.objects.get(group=group, user=user)
    Group.objects.filter(pk=group.pk).update(member_count=F("member_count") + 1)
    GROUP_DIRECTORY.invalidate()  # it shows the count
    group_page_changed(group.pk)  # its count on its members' home pages
    record(actor=acting_user, verb=verb, target=membership, group_id=group.pk, new={"role": role})
    forget_roles(user)
    member_joined.send(sender=Membership, membership=membership, acting_user=acting_user)
    return membership

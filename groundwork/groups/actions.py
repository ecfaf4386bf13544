"""Every change to groups, their membership, join requests, invitations and coordinators."""

from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.conf import settings
from django.contrib.auth.models import Group as AuthGroup
from django.db import DEFAULT_DB_ALIAS, IntegrityError, router, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from groundwork.core.audit import record
from groundwork.core.email import enqueue_templated_email
from groundwork.core.errors import ActionError
from groundwork.groups.hooks import member_joined, member_left
from groundwork.groups.models import (
    Coordinator,
    Group,
    Invitation,
    JoinRequest,
    Membership,
    PostcodeDistrict,
)
from groundwork.groups.rules import forget_roles
from groundwork.members.models import User

GROUP_FIELDS = [
    "name",
    "kind",
    "parent",
    "description",
    "join_policy",
    "area_name",
    "ons_code",
    "latitude",
    "longitude",
    "contact_email",
]


def _group_values(group: Group) -> dict:
    values = {field: getattr(group, field) for field in GROUP_FIELDS}
    values["parent"] = group.parent_id
    for key in ("latitude", "longitude"):
        values[key] = str(values[key]) if values[key] is not None else None
    return values


def _set_districts(group: Group, districts: list[str]) -> None:
    group.postcode_districts.exclude(district__in=districts).delete()
    existing = set(group.postcode_districts.values_list("district", flat=True))
    PostcodeDistrict.objects.bulk_create(
        PostcodeDistrict(group=group, district=district)
        for district in sorted(set(districts) - existing)
    )


def _unique_slug(name: str) -> str:
    base = slugify(name)[:100] or "group"
    slug, number = base, 2
    while Group.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def do_create_group(*, values: dict, districts: list[str], acting_user: User) -> Group:
    """Create a group from validated values, with the postcode districts it covers."""
    group = Group(slug=_unique_slug(values["name"]), **values)
    group.save()
    _set_districts(group, districts)
    record(
        actor=acting_user,
        verb="group.created",
        target=group,
        group_id=group.pk,
        new=_group_values(group) | {"districts": sorted(districts)},
    )
    return group


@transaction.atomic
def do_update_group(
    group: Group, *, values: dict, districts: list[str], acting_user: User
) -> Group:
    """Change a group's details and districts; the audit entry keeps only what changed."""
    old = _group_values(group) | {
        "districts": sorted(d.district for d in group.postcode_districts.all())
    }
    for field, value in values.items():
        setattr(group, field, value)
    group.save()
    _set_districts(group, districts)
    new = _group_values(group) | {"districts": sorted(set(districts))}
    changed = [key for key in new if new[key] != old[key]]
    record(
        actor=acting_user,
        verb="group.updated",
        target=group,
        group_id=group.pk,
        old={key: old[key] for key in changed},
        new={key: new[key] for key in changed},
    )
    return group


def _add_member(group: Group, user: User, *, role: str, acting_user: User, verb: str) -> Membership:
    """Make `user` a member, once: a second identical request finds the first membership."""
    try:
        with transaction.atomic():
            membership = Membership.objects.create(group=group, user=user, role=role)
    except IntegrityError:
        return Membership.objects.get(group=group, user=user)
    Group.objects.filter(pk=group.pk).update(member_count=F("member_count") + 1)
    record(actor=acting_user, verb=verb, target=membership, group_id=group.pk, new={"role": role})
    forget_roles(user)
    member_joined.send(sender=Membership, membership=membership, acting_user=acting_user)
    return membership


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
        raise ActionError(f"{group.name} takes new members by invitation only.")
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
    organiser_emails = list(
        group.memberships.filter(role=Membership.Role.ORGANISER).values_list(
            "user__email", flat=True
        )
    )
    if organiser_emails:
        enqueue_templated_email(
            to=organiser_emails,
            template="groups/email/join_request",
            context={
                "group": group,
                "requester": acting_user,
                "url": settings.SITE_URL + reverse("groups:requests", args=[group.slug]),
            },
        )
    return JoinOutcome(request=join_request)


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
        raise ActionError(f"This request was already {join_request.get_status_display().lower()}.")
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
    enqueue_templated_email(
        to=[join_request.user.email],
        template="groups/email/join_decision",
        context={
            "group": group,
            "approved": approve,
            "url": settings.SITE_URL + reverse("groups:detail", args=[group.slug]),
        },
    )
    return join_request


def _organiser_count(group: Group) -> int:
    return group.memberships.filter(role=Membership.Role.ORGANISER).count()


def _end_membership(membership: Membership, *, acting_user: User, verb: str) -> None:
    group = membership.group
    if membership.role == Membership.Role.ORGANISER and _organiser_count(group) == 1:
        raise ActionError(
            f"{membership.user.name} is the only organiser of {group.name}. "
            "Make another member an organiser first, so the group is never left without one."
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
        raise ActionError("To leave the group yourself, use “Leave this group”.")
    _end_membership(membership, acting_user=acting_user, verb="membership.removed")


@transaction.atomic
def check_change_role(membership: Membership, *, role: str, acting_user: User) -> Membership:
    """An organiser makes a member an organiser, or an organiser a member again."""
    if role not in Membership.Role.values:
        raise ActionError("Choose a role: member or organiser.", field="role")
    if membership.role == role:
        return membership
    if membership.role == Membership.Role.ORGANISER and _organiser_count(membership.group) == 1:
        raise ActionError("A group needs at least one organiser.")
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
    enqueue_templated_email(
        to=[email],
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
            "This invitation is no longer valid. Ask the group's organisers for a new one."
        )
    if invitation.expires_at < timezone.now():
        raise ActionError("This invitation has expired. Ask the group's organisers for a new one.")
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


# What coordinators may do in the Django admin: the alliance's groups and its log, never who
# belongs to a group (membership lists stay with each group's organisers).
COORDINATOR_ADMIN_PERMISSIONS = [
    ("groups", "group", ["add", "change", "view"]),
    ("groups", "postcodedistrict", ["add", "change", "delete", "view"]),
    ("groups", "coordinator", ["view"]),
    ("core", "auditentry", ["view"]),
    ("learning", "course", ["add", "change", "view"]),
    ("learning", "step", ["add", "change", "delete", "view"]),
    # Campaigns and events: read-only overviews, changed through their pages' actions only.
    ("campaigns", "campaign", ["view"]),
    ("campaigns", "target", ["view"]),
    ("campaigns", "petition", ["view"]),
    ("campaigns", "milestone", ["view"]),
    ("events", "eventoverview", ["view"]),
    ("events", "session", ["view"]),
]


COORDINATORS_AUTH_GROUP = "Alliance coordinators"


def sync_coordinators_admin_group(
    *, using: str = DEFAULT_DB_ALIAS, apps: Apps = global_apps
) -> AuthGroup | None:
    """Give the "Alliance coordinators" auth group exactly the listed permissions that exist in
    the database, taking away any no longer listed; idempotent.

    Run after every `migrate` (groups/management) and every appointment, so coordinators appointed
    before a release gain what it adds to the list, and lose what it removes: the list in the code
    is the whole of a coordinator's admin rights (extra rights belong in another auth group). A
    listed permission whose app has no table yet is skipped. `apps` is the migration state's
    registry when `migrate` calls it (None is returned while that has no auth models). No audit
    entry: no person acted, and the list's history is the code's.
    """
    try:
        group_model = apps.get_model("auth", "Group")
        permission_model = apps.get_model("auth", "Permission")
    except LookupError:
        return None
    if not router.allow_migrate_model(using, group_model):
        return None
    wanted = {
        (app, f"{action}_{model}")
        for app, model, actions in COORDINATOR_ADMIN_PERMISSIONS
        for action in actions
    }
    with transaction.atomic(using=using):
        auth_group, _ = group_model.objects.using(using).get_or_create(name=COORDINATORS_AUTH_GROUP)
        candidates = permission_model.objects.using(using).filter(
            content_type__app_label__in={app for app, _ in wanted},
            codename__in={codename for _, codename in wanted},
        )
        listed = [
            pk
            for pk, app, codename in candidates.values_list(
                "pk", "content_type__app_label", "codename"
            )
            if (app, codename) in wanted
        ]
        auth_group.permissions.set(listed)
    return auth_group


def coordinators_admin_group() -> AuthGroup:
    """The Django auth group whose permissions every coordinator has in the admin."""
    auth_group = sync_coordinators_admin_group()
    assert auth_group is not None  # the project's own registry always has auth's models
    return auth_group


@transaction.atomic
def do_appoint_coordinator(user: User, *, acting_user: User | None) -> Coordinator:
    """Make `user` an alliance coordinator, with the admin site's coordinator permissions."""
    coordinator, created = Coordinator.objects.get_or_create(
        user=user, defaults={"appointed_by": acting_user}
    )
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    user.groups.add(coordinators_admin_group())
    if created:
        record(actor=acting_user, verb="coordinator.appointed", target=coordinator)
    forget_roles(user)
    return coordinator


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

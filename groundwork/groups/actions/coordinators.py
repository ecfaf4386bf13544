"""Alliance coordinators: appointing them, and the admin site's permissions they share."""

from django.contrib.auth.models import Group as AuthGroup
from django.contrib.auth.models import Permission
from django.db import transaction

from groundwork.core.audit import record
from groundwork.groups.models import Coordinator
from groundwork.groups.rules import forget_roles
from groundwork.members.models import User

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


def coordinators_admin_group() -> AuthGroup:
    """The Django auth group whose permissions every coordinator has in the admin."""
    auth_group, _ = AuthGroup.objects.get_or_create(name="Alliance coordinators")
    wanted = [
        Permission.objects.get(content_type__app_label=app, codename=f"{action}_{model}")
        for app, model, actions in COORDINATOR_ADMIN_PERMISSIONS
        for action in actions
    ]
    auth_group.permissions.add(*wanted)
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

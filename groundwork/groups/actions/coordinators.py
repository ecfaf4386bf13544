"""Alliance coordinators: appointing them, and the admin site's permissions they share."""

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.contrib.auth.models import Group as AuthGroup
from django.db import DEFAULT_DB_ALIAS, router, transaction

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


COORDINATORS_AUTH_GROUP = "Alliance coordinators"


def do_sync_coordinators_admin_group(
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
    auth_group = do_sync_coordinators_admin_group()
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

"""What `migrate` does for the groups app, as Django's auth does in its own management package."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS

from groundwork.groups.actions import coordinators


def sync_coordinator_permissions_after_migrate(
    app_config,
    verbosity: int = 2,
    interactive: bool = True,
    using: str = DEFAULT_DB_ALIAS,
    apps=global_apps,
    **kwargs,
) -> None:
    """post_migrate receiver for the groups app: the coordinators' auth group holds exactly the
    listed permissions once `migrate` (or `flush`) is done.

    post_migrate is sent once per app, and auth makes each app's permissions in its receiver for
    that app's signal, so those of apps after groups (campaigns, events, learning) do not exist
    yet when groups' signal comes. Rather than depend on that order, this makes them first with
    auth's own create_permissions (idempotent). An app whose models the migration state lacks
    (not migrated yet) is left out by create_permissions, and its permissions are skipped.
    """
    for label in sorted(
        {app for app, _model, _actions in coordinators.COORDINATOR_ADMIN_PERMISSIONS}
    ):
        try:
            listed_app = global_apps.get_app_config(label)
        except LookupError:  # no longer installed
            continue
        create_permissions(
            listed_app, verbosity=verbosity, interactive=interactive, using=using, apps=apps
        )
    coordinators.do_sync_coordinators_admin_group(using=using, apps=apps)

"""The coordinators' admin permissions follow COORDINATOR_ADMIN_PERMISSIONS after every migrate,
for coordinators appointed before a release changed the list as for those appointed after."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group as AuthGroup
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test.utils import CaptureQueriesContext

# The list is read where it is defined, so that is where a test changes it.
from groundwork.groups.actions import coordinators as actions
from groundwork.groups.management import sync_coordinator_permissions_after_migrate
from groundwork.groups.tests.factories import make_coordinator
from groundwork.members.models import User

pytestmark = pytest.mark.django_db

ADDED = ("campaigns", "campaignupdate", ["view"])


def permissions_of(user: User) -> set[str]:
    """What the admin asks of a coordinator: a fresh instance, as permissions are cached."""
    return User.objects.get(pk=user.pk).get_group_permissions()


def after_migrate() -> None:
    """What `migrate` does once its migrations are applied."""
    emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)


def test_a_coordinator_appointed_before_a_permission_was_listed_has_it_after_migrate(
    admin, monkeypatch
):
    assert "campaigns.view_campaignupdate" not in permissions_of(admin)
    monkeypatch.setattr(
        actions, "COORDINATOR_ADMIN_PERMISSIONS", [*actions.COORDINATOR_ADMIN_PERMISSIONS, ADDED]
    )
    after_migrate()
    assert "campaigns.view_campaignupdate" in permissions_of(admin)


def test_the_migrate_command_itself_brings_the_new_permission(admin, monkeypatch):
    monkeypatch.setattr(
        actions, "COORDINATOR_ADMIN_PERMISSIONS", [*actions.COORDINATOR_ADMIN_PERMISSIONS, ADDED]
    )
    call_command("migrate", verbosity=0, interactive=False)
    assert "campaigns.view_campaignupdate" in permissions_of(admin)


def test_a_permission_taken_off_the_list_is_taken_from_coordinators(admin, monkeypatch):
    assert "core.view_auditentry" in permissions_of(admin)
    without_the_log = [
        entry for entry in actions.COORDINATOR_ADMIN_PERMISSIONS if entry[0] != "core"
    ]
    monkeypatch.setattr(actions, "COORDINATOR_ADMIN_PERMISSIONS", without_the_log)
    after_migrate()
    assert "core.view_auditentry" not in permissions_of(admin)
    assert "groups.change_group" in permissions_of(admin)


def test_the_auth_group_holds_exactly_the_listed_permissions(admin):
    listed = {
        f"{app}.{action}_{model}"
        for app, model, actions_ in actions.COORDINATOR_ADMIN_PERMISSIONS
        for action in actions_
    }
    AuthGroup.objects.get(name=actions.COORDINATORS_AUTH_GROUP).permissions.clear()
    after_migrate()
    assert permissions_of(admin) == listed


def test_running_the_sync_twice_changes_nothing(admin):
    groups_app = apps.get_app_config("groups")
    sync_coordinator_permissions_after_migrate(groups_app, verbosity=0)
    before = permissions_of(admin)
    with CaptureQueriesContext(connection) as queries:
        sync_coordinator_permissions_after_migrate(groups_app, verbosity=0)
    writes = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert permissions_of(admin) == before
    assert AuthGroup.objects.filter(name=actions.COORDINATORS_AUTH_GROUP).count() == 1


@pytest.fixture
def fresh_content_types():
    """Content types are cached by id: forget them around a test that deletes some."""
    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()


def test_a_database_where_learning_is_not_migrated_yet_is_no_error(admin, fresh_content_types):
    ContentType.objects.filter(app_label="learning").delete()  # and its permissions with them
    ContentType.objects.clear_cache()
    before_learning = MigrationLoader(connection).project_state(("groups", "0002_initial"))
    assert "learning" not in {
        model_state.app_label for model_state in before_learning.models.values()
    }

    sync_coordinator_permissions_after_migrate(
        apps.get_app_config("groups"), verbosity=0, apps=before_learning.apps
    )
    held = permissions_of(admin)
    assert "groups.change_group" in held
    assert not any(permission.startswith("learning.") for permission in held)

    # Once learning is migrated, groups' receiver makes its permissions itself, whether or not
    # auth's receiver has run for learning yet (it comes after groups).
    sync_coordinator_permissions_after_migrate(apps.get_app_config("groups"), verbosity=0)
    assert "learning.add_course" in permissions_of(admin)


def test_appointing_a_coordinator_still_grants_the_admin_permissions(dan):
    AuthGroup.objects.filter(name=actions.COORDINATORS_AUTH_GROUP).delete()
    make_coordinator(dan)
    assert {"groups.change_group", "learning.add_course"} <= permissions_of(dan)

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "groundwork.groups"
    label = "groups"
    verbose_name = _("Groups")

    def ready(self) -> None:
        from groundwork.groups import reactions  # noqa: F401  (connects to the members' hooks)
        from groundwork.groups.management import sync_coordinator_permissions_after_migrate
        from groundwork.groups.queries import segments  # noqa: F401  (built-in mailing segments)

        post_migrate.connect(
            sync_coordinator_permissions_after_migrate,
            sender=self,
            dispatch_uid="groundwork.groups.sync_coordinator_permissions",
        )

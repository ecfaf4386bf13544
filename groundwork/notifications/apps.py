from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "groundwork.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from groundwork.core.hooks import add_address_suppressor
        from groundwork.notifications import reactions  # noqa: F401  (connects to the members' hooks)
        from groundwork.notifications.queries import suppressed_addresses

        # Bounced and complaining addresses get no more email but account security.
        add_address_suppressor(suppressed_addresses)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "groundwork.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from groundwork.notifications import reactions  # noqa: F401  (connects to members' hooks)

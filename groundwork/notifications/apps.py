from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "groundwork.notifications"
    label = "notifications"
    verbose_name = "Notifications"

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "groundwork.core"
    label = "core"
    verbose_name = "Core"

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "groundwork.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from groundwork.core import checks  # noqa: F401  (registers the deploy checks)

from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "groundwork.resources"
    label = "resources"
    verbose_name = "Resources"

    def ready(self) -> None:
        from groundwork.resources import reactions  # noqa: F401  (connects to the hooks on its left)

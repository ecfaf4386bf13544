from django.apps import AppConfig


class AimsConfig(AppConfig):
    name = "groundwork.aims"
    label = "aims"
    verbose_name = "Aims"

    def ready(self) -> None:
        from groundwork.aims import reactions  # noqa: F401  (connects to the hooks on its left)

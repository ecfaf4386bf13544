from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "groundwork.learning"
    label = "learning"
    verbose_name = "Learning"

    def ready(self) -> None:
        from groundwork.learning import reactions  # noqa: F401  (connects to the hooks on its left)

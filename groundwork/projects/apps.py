from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "groundwork.projects"
    label = "projects"
    verbose_name = "Projects"

    def ready(self) -> None:
        from groundwork.projects import reactions  # noqa: F401  (connects to the hooks on its left)

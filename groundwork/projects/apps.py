from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "groundwork.projects"
    label = "projects"
    verbose_name = _("Projects")

    def ready(self) -> None:
        from groundwork.projects import reactions  # noqa: F401  (connects to the hooks on its left)

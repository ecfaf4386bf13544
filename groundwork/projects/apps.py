from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "groundwork.projects"
    label = "projects"
    verbose_name = "Projects"

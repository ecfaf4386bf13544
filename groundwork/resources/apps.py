from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "groundwork.resources"
    label = "resources"
    verbose_name = "Resources"

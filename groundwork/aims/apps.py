from django.apps import AppConfig


class AimsConfig(AppConfig):
    name = "groundwork.aims"
    label = "aims"
    verbose_name = "Aims"

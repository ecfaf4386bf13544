from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "groundwork.learning"
    label = "learning"
    verbose_name = "Learning"

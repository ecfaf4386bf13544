from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "groundwork.demo"
    label = "demo"
    verbose_name = "Demo and benchmark data"

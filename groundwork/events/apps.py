from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "groundwork.events"
    label = "events"
    verbose_name = "Events"

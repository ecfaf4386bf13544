from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "groundwork.groups"
    label = "groups"
    verbose_name = "Groups"

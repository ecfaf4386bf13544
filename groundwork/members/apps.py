from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "groundwork.members"
    label = "members"
    verbose_name = "Members"

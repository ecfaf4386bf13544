from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "groundwork.groups"
    label = "groups"
    verbose_name = "Groups"

    def ready(self) -> None:
        from groundwork.groups import reactions  # noqa: F401  (connects to the members' hooks)

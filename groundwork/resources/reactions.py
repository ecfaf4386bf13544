"""How the resources app connects to hooks of the apps to its left: demo data."""

from django.dispatch import receiver

from groundwork.groups.hooks import demo_loaded


@receiver(demo_loaded, dispatch_uid="resources_demo")
def add_demo_library(sender, coordinator, groups, people, **kwargs) -> None:
    from groundwork.resources.demo import load_demo_library, share_demo_skills

    load_demo_library(coordinator=coordinator, groups=groups, people=people)
    share_demo_skills(people)

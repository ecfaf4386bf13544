"""How the learning app connects to hooks of the apps to its left: demo courses."""

from django.dispatch import receiver

from groundwork.groups.hooks import demo_loaded


@receiver(demo_loaded, dispatch_uid="learning_demo")
def add_demo_courses(sender, coordinator, groups, people, **kwargs) -> None:
    from groundwork.learning.demo import load_demo_courses

    load_demo_courses(coordinator=coordinator, groups=groups, people=people)

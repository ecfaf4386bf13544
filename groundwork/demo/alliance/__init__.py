"""The demo alliance that `make run` loads: each app's part of it, in the order they build on
each other, through the same actions a person would use."""

from django.db import transaction

from groundwork.demo.alliance.accountability import load_demo_positions
from groundwork.demo.alliance.aims import load_demo_plans
from groundwork.demo.alliance.campaigns import load_demo_campaigns
from groundwork.demo.alliance.democracy import load_demo_democracy
from groundwork.demo.alliance.districts import load_demo_districts
from groundwork.demo.alliance.events import load_demo_events
from groundwork.demo.alliance.groups import DEMO_PASSWORD, demo_logins, load_demo_groups
from groundwork.demo.alliance.learning import load_demo_courses
from groundwork.demo.alliance.outcomes import load_demo_outcomes
from groundwork.demo.alliance.projects import load_demo_projects
from groundwork.demo.alliance.representatives import load_demo_register
from groundwork.demo.alliance.resources import load_demo_library, share_demo_skills

__all__ = ["DEMO_PASSWORD", "demo_logins", "load_demo"]


@transaction.atomic
def load_demo(teller_keys: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """Create the demo alliance; returns (email, what they are) for the logins to print, and
    puts the demo tellers' keys into `teller_keys` if given."""
    coordinator, groups, people = load_demo_groups()
    load_demo_plans(coordinator=coordinator, groups=groups, people=people)
    keys = load_demo_democracy(coordinator=coordinator, groups=groups, people=people)
    if teller_keys is not None:
        teller_keys.update(keys)
    load_demo_positions(coordinator=coordinator, groups=groups, people=people)
    load_demo_campaigns(coordinator=coordinator, groups=groups, people=people)
    # The register's pledge goes on a campaign of the alliance, after the others.
    load_demo_register(coordinator=coordinator, groups=groups, people=people)
    # District centres come from the register's postcodes.
    load_demo_districts(coordinator=coordinator)
    load_demo_events(coordinator=coordinator, groups=groups, people=people)
    load_demo_projects(coordinator=coordinator, groups=groups, people=people)
    load_demo_library(coordinator=coordinator, groups=groups, people=people)
    share_demo_skills(people)
    # Targets serve the platform's objectives: after the groups and their plans.
    load_demo_outcomes(coordinator=coordinator, groups=groups, people=people)
    # Courses are built from the library's resources and the events' teach-ins.
    load_demo_courses(coordinator=coordinator, groups=groups, people=people)
    return demo_logins()

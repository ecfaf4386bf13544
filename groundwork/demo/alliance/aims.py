"""Demo action plans: members adopt the platform, and groups adopt objectives with goals and tasks."""

from datetime import timedelta

from django.utils import timezone

from groundwork.aims import actions
from groundwork.aims.models import Objective

# (group, objective number, goal, [(task, owner email or None, days until due, status)])
PLANS = [
    (
        "Riverside Action Group",
        2,
        "Stop the closure of the Bermondsey housing office",
        [
            ("Leaflet the estates around the office", "bob@example.org", 7, "done"),
            ("Book the hall for a public meeting", "alice@example.org", 14, "doing"),
            ("Write to every ward councillor", "erin@example.org", 21, "todo"),
        ],
    ),
    (
        "Riverside Action Group",
        1,
        "Start a Saturday food share",
        [
            ("Find a kitchen we can use", "alice@example.org", 10, "done"),
            ("Get food-hygiene training for five volunteers", "bob@example.org", 30, "todo"),
        ],
    ),
    (
        "Hillside Action Group",
        1,
        "Run the community kitchen every week",
        [
            ("Draw up a volunteer rota", "farid@example.org", 5, "done"),
            ("Ask the co-op for surplus food", "farid@example.org", 12, "doing"),
        ],
    ),
    (
        "Manchester Action Group",
        5,
        "A teach-in on the council budget every term",
        [
            ("Get the budget papers and summarise them", "grace@example.org", 9, "done"),
            ("Find a speaker from the trades council", "grace@example.org", 20, "todo"),
        ],
    ),
]


def load_demo_plans(*, coordinator, groups, people) -> None:
    for person in people.values():
        actions.do_adopt_platform(person, acting_user=person)
    objectives = {objective.number: objective for objective in Objective.objects.all()}
    today = timezone.localdate()
    for group_name, number, goal_title, tasks in PLANS:
        group = groups[group_name]
        adoption = actions.do_adopt_objective(
            group, objective=objectives[number], acting_user=coordinator
        )
        goal = actions.do_add_goal(adoption, title=goal_title, acting_user=coordinator)
        for title, owner_email, days, status in tasks:
            task = actions.check_add_task(
                goal,
                title=title,
                owner=people.get(owner_email),
                due_on=today + timedelta(days=days),
                acting_user=coordinator,
            )
            actions.check_set_task_status(task, status=status, acting_user=coordinator)

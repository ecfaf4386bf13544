"""Local action plans at national scale for benchmarks, which `generate_scale` adds to every group.

Each group adopts one to four of the platform's objectives, with two goals each and two to six
tasks per goal, some done: about 40,000 tasks over 2,000 groups, enough for the alliance roll-up to
count across every group. Every row is made up; the whole run is one transaction (the command's).
"""

import random
from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone

from groundwork.aims.models import Goal, Objective, ObjectiveAdoption, Task

CHUNK = 5000
GOALS = ["Build the campaign locally", "Train new organisers", "Reach every estate"]
TASKS = [
    "Book a room", "Leaflet the high street", "Ask the trades council to co-sponsor",
    "Write to the ward councillors", "Run a stall at the market", "Find a speaker",
]  # fmt: skip
STATUS_WEIGHTS = [(Task.Status.TODO, 45), (Task.Status.DOING, 20), (Task.Status.DONE, 35)]


def add_scale_plans(
    *, group_ids: list[int], seed: int, progress: Callable[[str, int, int], None]
) -> int:
    """Objective adoptions, goals and tasks for every group; returns the number of tasks."""
    objectives = list(Objective.objects.order_by("number"))
    if not group_ids or not objectives:
        return 0
    rng = random.Random(seed)
    now = timezone.now()
    adoptions = [
        ObjectiveAdoption(group_id=group_id, objective=objective)
        for group_id in group_ids
        for objective in rng.sample(objectives, rng.randint(1, min(4, len(objectives))))
    ]
    ObjectiveAdoption.objects.bulk_create(adoptions, batch_size=CHUNK)
    goals = [
        Goal(adoption=adoption, title=title)
        for adoption in adoptions
        for title in rng.sample(GOALS, 2)
    ]
    Goal.objects.bulk_create(goals, batch_size=CHUNK)
    statuses, weights = zip(*STATUS_WEIGHTS, strict=True)
    tasks = []
    for goal in goals:
        for title in rng.sample(TASKS, rng.randint(2, 6)):
            status = rng.choices(statuses, weights)[0]
            tasks.append(
                Task(
                    goal=goal,
                    objective_id=goal.adoption.objective_id,
                    title=title,
                    due_on=(now + timedelta(days=rng.randint(-60, 120))).date(),
                    status=status,
                    completed_at=now - timedelta(days=rng.randint(1, 60))
                    if status == Task.Status.DONE
                    else None,
                )
            )
    for start in range(0, len(tasks), CHUNK):
        Task.objects.bulk_create(tasks[start : start + CHUNK])
        progress("action plans", min(start + CHUNK, len(tasks)), len(tasks))
    return len(tasks)

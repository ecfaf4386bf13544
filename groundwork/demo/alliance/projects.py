"""Demo projects: a community kitchen with a rota, a workers' co-operative on its way to being
formed, a community radio station, offers across nearby groups, and partner organisations."""

from datetime import date, timedelta

from django.utils import timezone

from groundwork.aims.models import Objective
from groundwork.projects import actions
from groundwork.projects.models import Partner, Partnership, Project


def load_demo_projects(*, coordinator, groups, people) -> None:
    objectives = {objective.number: objective for objective in Objective.objects.all()}
    riverside = groups["Riverside Action Group"]
    hillside = groups["Hillside Action Group"]
    kitchen = actions.check_create_project(
        hillside,
        values={
            "name": "Hillside Community Kitchen",
            "kind": Project.Kind.MUTUAL_AID,
            "focus": "community kitchen",
            "summary": "A hot meal for anyone who comes, every Saturday, cooked by volunteers.",
            "description": "We cook with surplus food from local shops. **Everyone is welcome**; "
            "nobody is asked why they came.",
            "where": "St Mary's church hall, Lewisham",
        },
        objectives=[objectives[1]],
        coordinators=[people["farid@example.org"]],
        acting_user=coordinator,
    )
    saturday = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    saturday += timedelta(days=(5 - saturday.weekday()) % 7 or 7)
    for week in range(3):
        start = saturday + timedelta(weeks=week)
        actions.do_add_shift(
            kitchen,
            title="Saturday kitchen: cooking",
            starts_at=start,
            ends_at=start + timedelta(hours=4),
            places=4,
            acting_user=coordinator,
        )
    actions.do_add_listing(
        kitchen, kind="need", title="A van on Friday evenings", acting_user=coordinator
    )
    actions.do_add_listing(
        kitchen, kind="offer", title="Hot meals on Saturdays", acting_user=coordinator
    )
    food_share = actions.check_create_project(
        riverside,
        values={
            "name": "Riverside Food Share",
            "kind": Project.Kind.MUTUAL_AID,
            "focus": "food",
            "summary": "Food parcels and housing advice for anyone in SE1, SE15 and SE16.",
            "description": "",
            "where": "Bermondsey",
        },
        objectives=[objectives[1]],
        coordinators=[],
        acting_user=coordinator,
    )
    actions.do_add_listing(
        food_share, kind="offer", title="Housing advice on Tuesdays", acting_user=coordinator
    )
    actions.do_add_listing(
        food_share, kind="need", title="Volunteers who speak Spanish", acting_user=coordinator
    )
    liverpool = groups["Liverpool Action Group"]
    coop = actions.check_create_project(
        liverpool,
        values={
            "name": "Mersey Cycle Works",
            "kind": Project.Kind.COOPERATIVE,
            "focus": "bicycle repair",
            "summary": "A workers' co-operative repairing and recycling bicycles.",
            "description": "Founded with the trade unions, in the spirit of the Lucas Plan.",
            "where": "Liverpool L8",
        },
        objectives=[objectives[3]],
        coordinators=[],
        acting_user=coordinator,
    )
    for step in coop.steps.all()[:2]:
        actions.do_set_step_done(step, done=True, acting_user=coordinator)
    actions.check_create_project(
        groups["Tower Hamlets Action Group"],
        values={
            "name": "East End Community Radio",
            "kind": Project.Kind.CULTURE,
            "focus": "radio",
            "summary": "Local voices on air every week, made by and for the community.",
            "description": "",
            "where": "Bow",
        },
        objectives=[objectives[4]],
        coordinators=[],
        acting_user=coordinator,
    )
    actions.do_add_partnership(
        liverpool,
        partner_name="Unite, Liverpool branch",
        partner_kind=Partner.Kind.TRADE_UNION,
        project=coop,
        kind=Partnership.Kind.JOINT,
        description="Training and the founding members' meeting.",
        since=date(2025, 3, 1),
        acting_user=coordinator,
    )
    actions.do_add_partnership(
        hillside,
        partner_name="Lewisham Food Co-op",
        partner_kind=Partner.Kind.COOPERATIVE,
        project=kitchen,
        kind=Partnership.Kind.SUPPORTS,
        description="Surplus food every Friday.",
        since=date(2024, 9, 1),
        acting_user=coordinator,
    )

"""The demo courses: "Demystifying economics" and "Running a community radio station" for the
alliance, and Riverside's own "Organising tenants on your estate", which its organiser alice keeps."""

from django.utils import timezone

from groundwork.events.models import Event
from groundwork.learning import actions
from groundwork.learning.models import Course
from groundwork.members.models import User
from groundwork.resources.models import Resource


def _resources(*titles: str) -> list[Resource]:
    found = {resource.title: resource for resource in Resource.objects.filter(title__in=titles)}
    return [found[title] for title in titles if title in found]


def _next_event(kind: str, about: str = "") -> list[Event]:
    """The soonest teach-in or training open beyond one group, about `about`, if the events demo
    made one (courses then reference resources only)."""
    event = (
        Event.objects.filter(kind=kind, title__icontains=about, starts_at__gt=timezone.now())
        .exclude(visibility=Event.Visibility.MEMBERS)
        .order_by("starts_at")
        .first()
    )
    return [event] if event else []


def load_demo_courses(*, coordinator: User, groups: dict, people: dict) -> None:
    economics = _resources(
        "How the council budget works",
        "Economics without the jargon: session plan",
        "Reading a council's accounts",
        "Teach-ins that filled the town hall",
    )
    actions.do_create_course(
        title="Demystifying economics",
        slug="demystifying-economics",
        summary="Money, debt, public spending and the council budget, without the jargon.",
        description="Four readings and a teach-in. Take them in order; each takes under an hour.",
        scope=Course.Scope.PUBLIC,
        items=[*economics[:3], *_next_event(Event.Kind.TEACH_IN, "budget"), *economics[3:]],
        acting_user=coordinator,
    )
    radio = _resources(
        "Starting a community radio station",
        "Presenting on air: a first workshop",
        "Recording: our first broadcast",
    )
    actions.do_create_course(
        title="Running a community radio station",
        slug="running-a-community-radio-station",
        summary="From a licence to your first broadcast, with Tower Hamlets' radio project.",
        description="Read the guide, practise presenting, go to a training and listen back.",
        scope=Course.Scope.ALLIANCE,
        group=groups.get("Tower Hamlets Action Group"),
        items=[*radio[:2], *_next_event(Event.Kind.TRAINING, "radio"), *radio[2:]],
        acting_user=coordinator,
    )
    riverside, alice = groups.get("Riverside Action Group"), people.get("alice@example.org")
    tenants = _resources(
        "How we won 200 council homes on the Aylesbury estate",
        "Letter to your councillor about repairs",
    )
    if riverside is not None and alice is not None and tenants:
        actions.do_create_course(
            title="Organising tenants on your estate",
            slug="organising-tenants-on-your-estate",
            summary="How Riverside brought its estates together, for the group's members.",
            description="Read how the Aylesbury campaign was won, then write to your councillor.",
            scope=Course.Scope.GROUP,
            group=riverside,
            items=tenants,
            acting_user=alice,
        )

"""The events of the demo alliance: a protest with stewards, a weekly meeting, a full training,
a teach-in and the alliance's conference with its programme, made through the same actions."""

import zoneinfo
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from groundwork.aims.models import Objective
from groundwork.events import actions
from groundwork.events.models import Event, EventSeries
from groundwork.groups.models import Group, Membership
from groundwork.members.models import User


def at_local(day: date, hour: int, minute: int = 0, zone: str = "Europe/London") -> datetime:
    """An aware time on `day` at the wall-clock hour in `zone`."""
    return datetime.combine(day, time(hour, minute), tzinfo=zoneinfo.ZoneInfo(zone))


def _next(weekday: int, *, after_days: int = 0) -> date:
    """The next `weekday` (Monday is 0) at least `after_days` from today."""
    day = timezone.localdate() + timedelta(days=after_days + 1)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _values(**values) -> dict:
    defaults = {
        "kind": Event.Kind.MEETING,
        "description": "",
        "time_zone": "Europe/London",
        "visibility": Event.Visibility.PUBLIC,
        "venue": "",
        "address": "",
        "postcode": "",
        "latitude": None,
        "longitude": None,
        "online_url": "",
        "accessibility": "",
        "meeting_point": "",
        "legal_support": "",
        "what_to_bring": "",
        "registration_info": "",
        "capacity": None,
    }
    return defaults | values


def _objectives(*numbers: int) -> list[Objective]:
    return list(Objective.objects.filter(number__in=numbers))


def load_demo_events(*, coordinator: User, groups: dict[str, Group], people: dict[str, User]):
    riverside = groups["Riverside Action Group"]
    alice, bob, erin = (people[f"{name}@example.org"] for name in ("alice", "bob", "erin"))
    saturday = _next(5, after_days=7)
    march = actions.do_create_event(
        group=riverside,
        values=_values(
            kind=Event.Kind.PROTEST,
            title="March to save Riverside's council homes",
            description=(
                "We march from the estate to the town hall to hand in the petition against "
                "demolition. **Families welcome**; the route is flat and about 2 km."
            ),
            starts_at=at_local(saturday, 11),
            ends_at=at_local(saturday, 14),
            venue="Southwark Town Hall",
            address="160 Tooley Street, London",
            postcode="SE1 2QH",
            latitude="51.50389",
            longitude="-0.07890",
            accessibility=(
                "Step-free route of 2 km at walking pace; a slower bloc at the back with seats "
                "at the rally; BSL interpreter at the rally."
            ),
            meeting_point="Outside the community centre on Riverside Estate, from 10:30",
            legal_support="Green & Black Cross legal support: 07946 541 511",
            what_to_bring="Water, a snack, weather-proof clothes, your banner. No valuables.",
        ),
        stewards=[bob, erin],
        objectives=_objectives(2),
        acting_user=alice,
    )
    actions.do_create_event(
        group=riverside,
        values=_values(
            title="Riverside weekly organising meeting",
            description="Our weekly meeting: campaign updates, the action plan and new members.",
            starts_at=at_local(_next(2), 19),
            ends_at=at_local(_next(2), 20, 30),
            visibility=Event.Visibility.MEMBERS,
            venue="Riverside Community Centre",
            address="12 Bankside Road, London",
            postcode="SE1 9SG",
            latitude="51.50720",
            longitude="-0.09730",
            online_url="https://meet.example.org/riverside-weekly",
            accessibility="Ground floor, accessible toilet, hearing loop.",
        ),
        repeat=EventSeries.Frequency.WEEKLY,
        repeat_until=_next(2) + timedelta(weeks=7),
        acting_user=alice,
    )
    kitchen = actions.do_create_event(
        group=riverside,
        values=_values(
            kind=Event.Kind.COMMUNITY,
            title="Community kitchen: cook and eat together",
            starts_at=at_local(_next(6), 13),
            ends_at=at_local(_next(6), 16),
            venue="Riverside Community Centre",
            address="12 Bankside Road, London",
            postcode="SE1 9SG",
            latitude="51.50720",
            longitude="-0.09730",
            capacity=3,
            accessibility="Step-free; vegetarian, vegan and halal food.",
        ),
        objectives=_objectives(1),
        acting_user=alice,
    )
    for person in (bob, erin, alice):
        actions.check_rsvp(march, acting_user=person)
        actions.check_rsvp(kitchen, acting_user=person)
    actions.check_rsvp(kitchen, acting_user=people["dan@example.org"])  # waiting list
    actions.do_create_event(
        group=groups["Hillside Action Group"],
        values=_values(
            kind=Event.Kind.TEACH_IN,
            title="Teach-in: how the council budget works",
            starts_at=at_local(_next(3, after_days=3), 18, 30),
            ends_at=at_local(_next(3, after_days=3), 20, 30),
            visibility=Event.Visibility.ALLIANCE,
            venue="Lewisham Library",
            address="199-201 Lewisham High Street",
            postcode="SE13 6LG",
            latitude="51.45820",
            longitude="-0.01260",
        ),
        objectives=_objectives(5),
        acting_user=people["farid@example.org"],
    )
    actions.do_create_event(
        group=groups["Manchester Action Group"],
        values=_values(
            kind=Event.Kind.TRAINING,
            title="Training: stewarding a march safely",
            starts_at=at_local(_next(5, after_days=14), 10),
            ends_at=at_local(_next(5, after_days=14), 13),
            venue="Mechanics Institute",
            address="103 Princess Street, Manchester",
            postcode="M1 6DD",
            latitude="53.47700",
            longitude="-2.23640",
            capacity=12,
        ),
        acting_user=people["grace@example.org"],
    )
    conference_day = _next(5, after_days=40)
    conference = actions.do_create_event(
        group=None,
        values=_values(
            kind=Event.Kind.CONFERENCE,
            title="Groundwork Alliance Conference",
            description="Delegates and members of every group: motions, workshops and a rally.",
            starts_at=at_local(conference_day, 9, 30),
            ends_at=at_local(conference_day, 17, 30),
            venue="Friends House",
            address="173-177 Euston Road, London",
            postcode="NW1 2BJ",
            latitude="51.52700",
            longitude="-0.13100",
            online_url="https://stream.example.org/conference",
            capacity=400,
            accessibility="Step-free throughout, quiet room, crèche, BSL and captions on stream.",
            registration_info="Free for members; each group sends two voting delegates.",
        ),
        acting_user=coordinator,
    )
    programme = [
        ("Opening plenary", "Main hall", "Sam Coordinator", 9, 30, 10, 30),
        ("Housing: from petitions to power", "Housing", "Alice Okafor, Farid Haddad", 11, 0, 12, 0),
        ("Running a community kitchen", "Mutual aid", "Erin Walsh", 11, 0, 12, 0),
        ("Motions and ballots", "Main hall", "Grace Mensah", 13, 30, 15, 0),
        ("Closing rally", "Main hall", "", 16, 30, 17, 30),
    ]
    for title, track, speakers, h1, m1, h2, m2 in programme:
        actions.do_add_session(
            conference,
            values={
                "title": title,
                "track": track,
                "speakers": speakers,
                "room": track,
                "starts_at": at_local(conference_day, h1, m1),
                "ends_at": at_local(conference_day, h2, m2),
                "description": "",
            },
            acting_user=coordinator,
        )
    actions.check_rsvp(conference, acting_user=people["carol@example.org"])
    _give_every_group_a_public_event(groups.values())


def _give_every_group_a_public_event(groups) -> None:
    """A group with no public event to come gets an open meeting, run by its first organiser, so
    every group's page shows outsiders something to come to."""
    for group in groups:
        if group.events.filter(visibility=Event.Visibility.PUBLIC).exists():
            continue
        organiser = (
            Membership.objects.filter(group=group, role=Membership.Role.ORGANISER)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        day = _next(2, after_days=10)  # a Wednesday evening, a week and a half away
        actions.do_create_event(
            group=group,
            values=_values(
                title=f"{group.name}: open meeting",
                description="Newcomers welcome: meet the group and hear what it is working on.",
                starts_at=at_local(day, 19),
                ends_at=at_local(day, 21),
                venue="To be confirmed",
                address=group.area_name,
            ),
            acting_user=organiser.user if organiser else None,
        )

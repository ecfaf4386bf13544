"""Building the register in tests: a council with wards, people with seats and contacts."""

from datetime import date

from groundwork.accountability.models import (
    Area,
    Body,
    ContactDetail,
    Division,
    Identifier,
    Membership,
    Person,
    Policy,
    PolicyDivision,
    Source,
    Vote,
)


def ogl_source() -> Source:
    source, _created = Source.objects.get_or_create(
        slug="council-e08000009",
        defaults={
            "title": "Trafford Council's list of councillors",
            "licence": "Open Government Licence v3.0",
        },
    )
    return source


def council(name: str = "Trafford Council", gss_code: str = "E08000009") -> Body:
    return Body.objects.create(
        kind=Body.Kind.COUNCIL, name=name, slug=name.lower().replace(" ", "-"), gss_code=gss_code
    )


def ward(body: Body, name: str, gss_code: str, year: int = 2025) -> Area:
    return Area.objects.create(
        body=body, kind=Area.Kind.WARD, name=name, gss_code=gss_code, lookup_year=year
    )


def elect(
    name: str,
    body: Body,
    area: Area | None,
    party: str,
    *,
    start: date | None = None,
    end: date | None = None,
    end_reason: str = "",
) -> Membership:
    """A person (made if new) seated on the body for the area and party."""
    person = Person.objects.filter(name=name).first() or Person.objects.create(name=name)
    return Membership.objects.create(
        person=person,
        body=body,
        area=area,
        party=party,
        start_date=start,
        end_date=end,
        end_reason=end_reason,
        source=ogl_source(),
    )


def publish_contact(person: Person, kind: str, value: str) -> ContactDetail:
    return ContactDetail.objects.create(person=person, kind=kind, value=value, source=ogl_source())


def identify(person: Person, scheme: str, value: str) -> Identifier:
    return Identifier.objects.create(person=person, scheme=scheme, value=value)


def commons() -> Body:
    body, _created = Body.objects.get_or_create(
        slug="house-of-commons", defaults={"kind": Body.Kind.COMMONS, "name": "House of Commons"}
    )
    return body


def division(body: Body, day: date, number: int, title: str = "") -> Division:
    """A division whose votes are on file."""
    return Division.objects.create(
        body=body, date=day, number=number, title=title or f"Division {number}", recorded=True
    )


def cast_vote(division: Division, person: Person, how: str) -> Vote:
    return Vote.objects.create(division=division, person=person, how=how)


def policy_on(
    title: str, sides: list[tuple[Division, str, str]], *, group=None, source=None
) -> Policy:
    """A policy taking `(division, position, strength)` sides."""
    policy = Policy.objects.create(title=title, group=group, source=source)
    PolicyDivision.objects.bulk_create(
        PolicyDivision(policy=policy, division=d, position=position, strength=strength)
        for d, position, strength in sides
    )
    return policy


def build_matrix_register() -> dict:
    """A council with one ward and one councillor, and a policy on one of its divisions, for the
    permission matrix."""
    body = council()
    seat = elect(
        "Geraldine Coggins",
        body,
        ward(body, "Altrincham", "E05015239"),
        "Green Party",
        start=date(2024, 5, 2),
    )
    vote = division(body, date(2024, 7, 1), 1, "Budget")
    cast_vote(vote, seat.person, "aye")
    policy = policy_on("A fair budget", [(vote, "aye", "normal")])
    return {"body": body, "person": seat.person, "policy": policy}

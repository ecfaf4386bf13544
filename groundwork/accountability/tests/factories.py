"""Building the register in tests: a council with wards, people with seats and contacts."""

from datetime import date

from groundwork.accountability.models import (
    Area,
    Body,
    ContactDetail,
    Identifier,
    Membership,
    Person,
    Postcode,
    RegisterImport,
    Source,
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


def locate(
    postcode: str, *, ward: str = "", constituency: str = "", authority: str = ""
) -> Postcode:
    """A postcode of the directory, in the areas with those GSS codes."""
    return Postcode.objects.create(
        postcode=postcode,
        district=postcode.split(" ")[0],
        ward_gss=ward,
        constituency_gss=constituency,
        authority_gss=authority,
    )


def publish_contact(person: Person, kind: str, value: str) -> ContactDetail:
    return ContactDetail.objects.create(person=person, kind=kind, value=value, source=ogl_source())


def identify(person: Person, scheme: str, value: str) -> Identifier:
    return Identifier.objects.create(person=person, scheme=scheme, value=value)


def build_matrix_register() -> dict:
    """A council with one ward and one councillor, for the permission matrix."""
    body = council()
    seat = elect("Geraldine Coggins", body, ward(body, "Altrincham", "E05015239"), "Green Party")
    # An import that was applied (not a dry run): applying it again is refused.
    applied = RegisterImport.objects.create(
        format=RegisterImport.Format.YNMP,
        file_name="candidates_2015_elected_only.csv",
        text="",
        as_of=date(2015, 5, 8),
        dry_run=False,
        status=RegisterImport.Status.DONE,
        summary="650 rows: 650 added, 0 updated, 0 unchanged, 0 skipped, 0 no longer serving",
    )
    return {"body": body, "person": seat.person, "import": applied}

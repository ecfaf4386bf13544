"""Building the register in tests: a council with wards, people with seats and contacts."""

from datetime import date, timedelta

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
    Position,
    Postcode,
    RegisterImport,
    Source,
    Term,
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
    """A council with one ward and one councillor, a policy on one of its divisions, and an import
    that was applied, for the permission matrix."""
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
    return {"body": body, "person": seat.person, "policy": policy, "import": applied}


# Positions and recall


def make_position(group, title: str = "Secretary", **fields) -> Position:
    """A position of `group` (None: the alliance, elected by every member unless told)."""
    from groundwork.democracy.models import Ballot

    if group is None:
        fields.setdefault("electorate", Ballot.Electorate.ALLIANCE)
    return Position.objects.create(group=group, title=title, **fields)


def give_office(position, holder, *, starts_on: date | None = None) -> Term:
    """`holder` takes up the position for its term, appointed (recorded directly, for tests)."""
    starts_on = starts_on or date.today()
    return Term.objects.create(
        position=position,
        holder=holder,
        how=Term.How.APPOINTED,
        appointment="Appointed for the test",
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=30 * position.term_months),
    )


def set_recall_rules(group, *, share: str = "0.20", window_days: int = 28):
    """The group's recall threshold and window."""
    from decimal import Decimal

    from groundwork.accountability.models import AccountabilitySettings

    settings, _created = AccountabilitySettings.objects.update_or_create(
        group=group,
        defaults={"recall_share": Decimal(share), "recall_window_days": window_days},
    )
    return settings


def petition_to_recall(term, member, reason: str = "Missed every meeting since March."):
    """`member` opens (and signs) a recall petition against the term's holder."""
    from groundwork.accountability.actions import check_open_recall_petition

    return check_open_recall_petition(term, reason=reason, acting_user=member)


def sign(petition, member) -> bool:
    from groundwork.accountability.actions import check_sign_recall_petition

    return check_sign_recall_petition(petition, acting_user=member)


def build_matrix_recall(riverside, *, alice, bob) -> dict:
    """Riverside's secretary, Hal (who joins to hold it), with bob's open petition against him (a
    threshold of every member, so the matrix's signatures never reach it); a chair whose recall
    ballot waits to open; a treasurer (alice) whose recall carried, for the by-election row."""
    from groundwork.accountability.models import RecallPetition
    from groundwork.democracy import actions as democracy
    from groundwork.groups.tests.factories import UserFactory, join

    hal = UserFactory(email="hal@example.org", display_name="Hal")
    join(riverside, hal)
    set_recall_rules(riverside, share="1.00")
    secretary = make_position(riverside, "Secretary")
    petition = petition_to_recall(give_office(secretary, hal), bob)

    def recorded(position, holder, status, ballot=None):
        return RecallPetition.objects.create(
            term=give_office(position, holder),
            reason="Accounts not kept.",
            opened_by=bob,
            closes_at=petition.closes_at,
            electorate_size=3,
            signatures_needed=1,
            signature_count=1,
            status=status,
            ballot=ballot,
        )

    draft = democracy.do_create_ballot(
        group=riverside,
        spec=democracy.BallotSpec(title="Recall Hal as Chair?", closes_at=petition.closes_at),
        acting_user=alice,
    )
    waiting = recorded(make_position(riverside, "Chair"), hal, RecallPetition.Status.BALLOT, draft)
    carried = recorded(make_position(riverside, "Treasurer"), alice, RecallPetition.Status.CARRIED)
    Term.objects.filter(pk=carried.term_id).update(
        ended_on=date.today(), end_reason=Term.EndReason.RECALLED
    )
    return {"position": secretary, "petition": petition, "waiting": waiting, "carried": carried}

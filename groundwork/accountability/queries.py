"""Reading the register of the public's representatives and their voting records. Every page
here is public: the register holds what councils and parliaments publish, nothing private.
Scorecards are computed on each read by scoring.py from the stored divisions and votes."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from groundwork.accountability import scoring
from groundwork.accountability.models import (
    Body,
    ContactDetail,
    Division,
    Identifier,
    Membership,
    ObjectivePolicy,
    Person,
    Policy,
    PolicyDivision,
    Source,
    Statement,
    Vote,
)
from groundwork.accountability.publicwhip import DivisionKey, How, Position, Strength
from groundwork.groups.models import Group
from groundwork.groups.models import Membership as GroupMembership
from groundwork.groups.rules import is_coordinator, roles_of

# A seat whose start is not published (a council's first list) is older than any dated one, on
# every database (PostgreSQL sorts NULL first when descending, SQLite last).
LATEST_FIRST = (F("start_date").desc(nulls_last=True), "-id")


def representatives(search: str = "") -> QuerySet[Person]:
    """People in the register, by name, those whose name holds `search` if given; each with their
    memberships (latest first) prefetched, with body and area."""
    people = Person.objects.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.select_related("body", "area").order_by(*LATEST_FIRST),
        )
    ).order_by("name", "id")
    return people.filter(name__icontains=search) if search else people


def bodies() -> QuerySet[Body]:
    """Every body of the register, by name."""
    return Body.objects.order_by("name")


def get_representative(pk: int) -> Person:
    """The person, or 404."""
    return get_object_or_404(Person, pk=pk)


def get_body(slug: str) -> Body:
    """The body, or 404."""
    return get_object_or_404(Body, slug=slug)


def memberships_of(person: Person) -> QuerySet[Membership]:
    """The person's memberships, latest first, with body, area and source."""
    return (
        Membership.objects.filter(person=person)
        .select_related("body", "area", "source")
        .order_by(*LATEST_FIRST)
    )


def contacts_of(person: Person) -> QuerySet[ContactDetail]:
    """How to reach the person, each with the source that publishes it."""
    return ContactDetail.objects.filter(person=person).select_related("source").order_by("kind")


def identifiers_of(person: Person) -> QuerySet[Identifier]:
    return Identifier.objects.filter(person=person).order_by("scheme")


def serving_members_of(body: Body) -> QuerySet[Membership]:
    """The body's open memberships, by area, party and name, with person and area."""
    return (
        Membership.objects.filter(body=body, end_date__isnull=True)
        .select_related("person", "area", "source")
        .order_by("area__name", "party", "person__name")
    )


def party_counts(body: Body) -> QuerySet:
    """{party, members} for the body's serving members, the largest party first."""
    return (
        Membership.objects.filter(body=body, end_date__isnull=True)
        .values("party")
        .annotate(members=Count("id"))
        .order_by("-members", "party")
    )


# --- voting records and scorecards ----------------------------------------------------------


@dataclass(frozen=True)
class Scorecard:
    """A person's agreement with one policy, and the policy's stored divisions by key."""

    policy: Policy
    agreement: scoring.Agreement
    divisions: dict[DivisionKey, Division]

    @property
    def counted(self) -> int:
        return sum(1 for line in self.agreement.lines if line.counted)


def spans_by_body(memberships: Iterable[Membership]) -> dict[int, list[scoring.Membership]]:
    """{body id: the spans in which the person held a seat there}; an open seat runs to today,
    a seat whose start is not published counts from the beginning."""
    spans: dict[int, list[scoring.Membership]] = {}
    for membership in memberships:
        span = scoring.Membership(
            membership.start_date or date.min, membership.end_date or date.today()
        )
        spans.setdefault(membership.body_id, []).append(span)
    return spans


def _in_their_time(spans: dict[int, list[scoring.Membership]]) -> Q | None:
    condition = None
    for body_id, body_spans in spans.items():
        for span in body_spans:
            within = Q(
                division__body_id=body_id,
                division__date__gte=span.from_date,
                division__date__lte=span.to_date,
            )
            condition = within if condition is None else condition | within
    return condition


def _score(
    policy: Policy,
    links: Iterable[PolicyDivision],
    votes: dict[int, str],
    spans: dict[int, list[scoring.Membership]],
) -> Scorecard:
    """The person's agreement with `policy` over `links`, one scoring pass per body."""
    links = list(links)
    divisions = {
        DivisionKey(link.division.date, link.division.number): link.division for link in links
    }
    lines: list[scoring.Line] = []
    for body_id in sorted({link.division.body_id for link in links}):
        mine = [link for link in links if link.division.body_id == body_id]
        parsed = [
            scoring.PolicyDivision(
                policy.pk,
                DivisionKey(link.division.date, link.division.number),
                Position(link.position),
                Strength(link.strength),
                str(body_id),
            )
            for link in mine
        ]
        key_of = {
            link.division_id: DivisionKey(link.division.date, link.division.number) for link in mine
        }
        how = {key_of[pk]: How(value) for pk, value in votes.items() if pk in key_of}
        recorded = {key_of[link.division_id] for link in mine if link.division.recorded}
        titles = {key_of[link.division_id]: link.division.title for link in mine}
        agreement = scoring.score_policy(
            policy.pk,
            parsed,
            how,
            spans.get(body_id, []),
            titles=titles,
            recorded=recorded,
            body=str(body_id),
        )
        lines.extend(agreement.lines)
    lines.sort(key=lambda line: line.division)
    return Scorecard(policy, scoring.Agreement(policy.pk, tuple(lines)), divisions)


def scorecards_of(person: Person, memberships: Iterable[Membership]) -> list[Scorecard]:
    """The person's agreement with every policy that has divisions in their time, by title;
    each policy with its linked objectives. Three queries whatever the number of policies."""
    spans = spans_by_body(memberships)
    condition = _in_their_time(spans)
    if condition is None:
        return []
    links = list(
        PolicyDivision.objects.filter(condition)
        .select_related("division")
        .order_by("policy_id", "division__date", "division__number")
    )
    policies = Policy.objects.filter(pk__in={link.policy_id for link in links}).prefetch_related(
        Prefetch("objective_links", queryset=ObjectivePolicy.objects.select_related("objective"))
    )
    votes = dict(
        Vote.objects.filter(
            person=person, division_id__in={link.division_id for link in links}
        ).values_list("division_id", "how")
    )
    by_policy: dict[int, list[PolicyDivision]] = {}
    for link in links:
        by_policy.setdefault(link.policy_id, []).append(link)
    cards = [_score(policy, by_policy[policy.pk], votes, spans) for policy in policies]
    return sorted(cards, key=lambda card: (card.policy.title, card.policy.pk))


def policies() -> QuerySet[Policy]:
    """Every policy, by title, with its source and group, and how many divisions it lists."""
    return (
        Policy.objects.select_related("source", "group")
        .annotate(division_count=Count("policy_divisions"))
        .order_by("title", "id")
    )


def get_policy(pk: int) -> Policy:
    """The policy (with source and group), or 404: every policy is public."""
    return get_object_or_404(Policy.objects.select_related("source", "group"), pk=pk)


def divisions_of(policy: Policy) -> QuerySet[PolicyDivision]:
    """The policy's divisions, oldest first, each with its division and body."""
    return (
        PolicyDivision.objects.filter(policy=policy)
        .select_related("division__body", "division__source")
        .order_by("division__date", "division__number")
    )


def objectives_of(policy: Policy) -> list:
    """The platform's objectives the alliance has linked to the policy, by number."""
    links = ObjectivePolicy.objects.filter(policy=policy).select_related("objective")
    return sorted((link.objective for link in links), key=lambda objective: objective.number)


def scorecard(person: Person, policy: Policy, memberships: Iterable[Membership]) -> Scorecard:
    """The person's agreement with the policy, a line for each of its divisions."""
    links = list(divisions_of(policy))
    votes = dict(
        Vote.objects.filter(
            person=person, division_id__in=[link.division_id for link in links]
        ).values_list("division_id", "how")
    )
    return _score(policy, links, votes, spans_by_body(memberships))


def representatives_for(links: list[PolicyDivision]) -> QuerySet[Person]:
    """People who held a seat, on a body the divisions belong to, between the first and the last
    of them, by name; with their memberships prefetched."""
    if not links:
        return Person.objects.none()
    condition = None
    for body_id in {link.division.body_id for link in links}:
        days = [link.division.date for link in links if link.division.body_id == body_id]
        held = Q(
            memberships__body_id=body_id,
            memberships__start_date__lte=max(days),
        ) & (Q(memberships__end_date__isnull=True) | Q(memberships__end_date__gte=min(days)))
        condition = held if condition is None else condition | held
    people = Person.objects.filter(pk__in=Person.objects.filter(condition).values("pk"))
    return people.prefetch_related("memberships").order_by("name", "id")


def scorecards_for_people(
    people: list[Person], policy: Policy, links: list[PolicyDivision]
) -> list[tuple[Person, Scorecard]]:
    """Each person's agreement with the policy (their memberships already prefetched)."""
    votes: dict[int, dict[int, str]] = {}
    for person_id, division_id, how in Vote.objects.filter(
        person__in=people, division_id__in=[link.division_id for link in links]
    ).values_list("person_id", "division_id", "how"):
        votes.setdefault(person_id, {})[division_id] = how
    return [
        (
            person,
            _score(
                policy, links, votes.get(person.pk, {}), spans_by_body(person.memberships.all())
            ),
        )
        for person in people
    ]


def statements_about(person: Person) -> QuerySet[Statement]:
    """Statements and council decisions recorded about the person, latest first."""
    return Statement.objects.filter(person=person).select_related("objective", "group")


def vote_sources() -> QuerySet[Source]:
    """The sources of the voting record (Public Whip, Parliament's division lists)."""
    return Source.objects.filter(slug__in=("publicwhip", "uk-parliament-divisions")).order_by(
        "title"
    )


def division_bodies() -> QuerySet[Body]:
    """Bodies with divisions on file, by name."""
    return Body.objects.filter(pk__in=Division.objects.values("body_id")).order_by("name")


def groups_to_write_for(user) -> QuerySet[Group]:
    """The groups whose organiser `user` is (twin of accountability.add_policy's group part)."""
    organised = [
        group_id
        for group_id, role in roles_of(user).items()
        if role == GroupMembership.Role.ORGANISER
    ]
    return Group.objects.filter(pk__in=organised).order_by("name")


def may_write_for_the_alliance(user) -> bool:
    return is_coordinator(user)

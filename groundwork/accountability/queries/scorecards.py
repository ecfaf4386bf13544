"""Reading voting records and scorecards. Every page here is public. Scorecards are computed by
scoring.py from the stored divisions and votes, and kept in the cache under a version of the
voting record.

Scoring a representative on every policy, or every representative on a policy, reads hundreds of
rows and sums them exactly: the pages keep the results in the cache, keyed by the record's
version. Anything that can change a figure (an import of votes or of the register, a new policy,
linked objectives) moves the version on commit, so the next read recomputes. On a shared cache
(Redis, in production) that is immediate everywhere; with the embedded local-memory cache each
process holds its own copy of the version, so another process may show the previous figures for
up to `TIMEOUT`."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from uuid import uuid4

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Prefetch, Q, QuerySet
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
from groundwork.accountability.queries.register import contacts_of, identifiers_of, memberships_of
from groundwork.groups.models import Group
from groundwork.groups.models import Membership as GroupMembership
from groundwork.groups.rules import is_coordinator, roles_of
from groundwork.members.rules import has_two_factor

VERSION_KEY = "accountability:record-version"
TIMEOUT = 10 * 60  # seconds


def record_version() -> str:
    """The current version of the voting record (made up on first use)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return str(version)


def cache_key(*parts: object) -> str:
    """A cache key for scorecard data under the current version."""
    return ":".join(["accountability", record_version(), *map(str, parts)])


def forget_scorecards() -> None:
    """Move the record's version on once the current transaction commits."""
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid4().hex, None))


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


@dataclass(frozen=True)
class PolicyRow:
    """One line of a representative's table of policies, as cached."""

    policy_pk: int
    title: str
    objectives: tuple[str, ...]
    percent: int | None
    summary: str | None
    counted: int


def scorecards_of(person: Person, memberships: Iterable[Membership]) -> list[PolicyRow]:
    """The person's agreement with every policy that has divisions in their time, by title,
    each with its linked objectives; from the cache when the record has not changed."""
    key = cache_key("policies-of", person.pk)
    rows = cache.get(key)
    if rows is None:
        rows = [
            PolicyRow(
                card.policy.pk,
                card.policy.title,
                tuple(str(link.objective) for link in card.policy.objective_links.all()),
                card.agreement.percent,
                card.agreement.summary,
                card.counted,
            )
            for card in _scorecards_of(person, memberships)
        ]
        cache.set(key, rows, TIMEOUT)
    return rows


def _scorecards_of(person: Person, memberships: Iterable[Membership]) -> list[Scorecard]:
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


def scorecard(person: Person, policy: Policy) -> Scorecard:
    """The person's agreement with the policy, a line for each of its divisions; from the cache
    when the record has not changed."""
    key = cache_key("scorecard", person.pk, policy.pk)
    card = cache.get(key)
    if card is None:
        card = _scorecard(person, policy, Membership.objects.filter(person=person))
        cache.set(key, card, TIMEOUT)
    return card


def _scorecard(person: Person, policy: Policy, memberships: Iterable[Membership]) -> Scorecard:
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


@dataclass(frozen=True)
class PersonRow:
    """One representative's line on a policy's page, as cached."""

    person_pk: int
    name: str
    percent: int | None
    summary: str | None
    counted: int


def standings_on(policy: Policy, policy_divisions: Iterable[PolicyDivision]) -> list[PersonRow]:
    """Every representative who sat during the policy's divisions, by name, with their
    agreement; from the cache when the record has not changed (the divisions are read only
    then)."""
    key = cache_key("standings", policy.pk)
    rows = cache.get(key)
    if rows is None:
        links = list(policy_divisions)
        people = list(representatives_for(links))
        rows = [
            PersonRow(
                person.pk, person.name, card.agreement.percent, card.agreement.summary, card.counted
            )
            for person, card in scorecards_for_people(people, policy, links)
        ]
        cache.set(key, rows, TIMEOUT)
    return rows


@dataclass(frozen=True)
class RegisterRecord:
    """What the register holds of a person: seats (latest first), contacts, ids, sources."""

    memberships: list[Membership]
    contacts: list[ContactDetail]
    identifiers: list[Identifier]


def register_record_of(person: Person) -> RegisterRecord:
    """The person's seats, contacts and ids; from the cache until an import moves the record's
    version on (only imports change them)."""
    key = cache_key("register", person.pk)
    found = cache.get(key)
    if found is None:
        found = RegisterRecord(
            list(memberships_of(person)), list(contacts_of(person)), list(identifiers_of(person))
        )
        cache.set(key, found, TIMEOUT)
    return found


def statements_about(person: Person) -> QuerySet[Statement]:
    """Statements and council decisions recorded about the person, latest first."""
    return Statement.objects.filter(person=person).select_related("objective", "group")


def vote_sources() -> list[Source]:
    """The sources of the voting record (Public Whip, Parliament's division lists), by title."""
    sources = cache.get_or_set(
        cache_key("vote-sources"),
        lambda: list(
            Source.objects.filter(slug__in=("publicwhip", "uk-parliament-divisions")).order_by(
                "title"
            )
        ),
        TIMEOUT,
    )
    return list(sources or [])


def division_bodies() -> QuerySet[Body]:
    """Bodies with divisions on file, by name."""
    return Body.objects.filter(pk__in=Division.objects.values("body_id")).order_by("name")


def groups_to_write_for(user) -> QuerySet[Group]:
    """The groups `user` may write policies and statements for: those they organise, with
    two-factor authentication (twin of `groups.rules.organises_scope`, which the actions ask)."""
    organised = [
        group_id
        for group_id, role in roles_of(user).items()
        if role == GroupMembership.Role.ORGANISER
    ]
    if not organised or not has_two_factor(user):
        return Group.objects.none()
    return Group.objects.filter(pk__in=organised).order_by("name")


def may_write_for_the_alliance(user) -> bool:
    """Whether `user` may write for the alliance: a coordinator with two-factor."""
    return is_coordinator(user) and has_two_factor(user)

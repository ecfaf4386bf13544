"""Reading the register of the public's representatives. Every page here is public: the register
holds what councils and parliaments publish, nothing private."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from groundwork.accountability.importing import onspd
from groundwork.accountability.models import (
    AccountabilitySettings,
    Area,
    Body,
    Candidate,
    ContactDetail,
    Election,
    Identifier,
    Mandate,
    Meeting,
    Membership,
    Person,
    Position,
    Postcode,
    RecallPetition,
    RecallSignature,
    RegisterImport,
    ReportBack,
    Source,
    Term,
)
from groundwork.accountability.models.positions import DEFAULT_REPORT_DUE_DAYS
from groundwork.core.models import AuditEntry
from groundwork.democracy.models import Decision
from groundwork.groups.models import Group
from groundwork.members.models import User

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


# Positions: the movement's own representatives. Pages check the rule first
# (accountability.see_position, accountability.list_positions); these read what it allows.


def report_due_days_for(group_ids: set[int | None]) -> dict[int | None, int]:
    """{group id: days after a meeting its report-back is due}, the default where a group has
    set none and for the alliance (None)."""
    days: dict[int | None, int] = dict.fromkeys(group_ids, DEFAULT_REPORT_DUE_DAYS)
    ids = [pk for pk in group_ids if pk is not None]
    if ids:
        days |= dict(
            AccountabilitySettings.objects.filter(group_id__in=ids).values_list(
                "group_id", "report_due_days"
            )
        )
    return days


def settings_for(group: Group) -> AccountabilitySettings:
    """The group's accountability rules, unsaved defaults if it has set none."""
    found = AccountabilitySettings.objects.filter(group=group).first()
    return found or AccountabilitySettings(group=group)


def _current_terms() -> Prefetch:
    return Prefetch(
        "terms",
        queryset=Term.objects.filter(ended_on__isnull=True)
        .select_related("holder")
        .order_by("starts_on", "id"),
        to_attr="current_terms",
    )


def positions_of(group: Group | None) -> QuerySet[Position]:
    """The positions of the group (of the alliance, for None), by title, each with its current
    terms and their holders (`current_terms`)."""
    return Position.objects.filter(group=group).prefetch_related(_current_terms())


def get_position(pk: int) -> Position:
    """The position with its group, or 404 (the rule then decides who sees it)."""
    return get_object_or_404(Position.objects.select_related("group"), pk=pk)


def get_term(pk: int) -> Term:
    """The term with its position, the position's group and the holder, or 404."""
    return get_object_or_404(
        Term.objects.select_related("position", "position__group", "holder"), pk=pk
    )


def get_meeting(pk: int) -> Meeting:
    """The meeting with its position and the position's group, or 404."""
    return get_object_or_404(Meeting.objects.select_related("position", "position__group"), pk=pk)


def terms_of(position: Position) -> QuerySet[Term]:
    """Every term of the position, current and past, latest first, with holder, ballot and
    decision."""
    return Term.objects.filter(position=position).select_related("holder", "ballot", "decision")


def mandates_of(position: Position) -> QuerySet[Mandate]:
    """The position's mandates, newest first, with their meeting and decision."""
    return Mandate.objects.filter(position=position).select_related("meeting", "decision")


def meetings_of(position: Position) -> QuerySet[Meeting]:
    """The position's meetings, latest first, each with its report-backs and their holders."""
    return Meeting.objects.filter(position=position).prefetch_related(
        Prefetch(
            "report_backs",
            queryset=ReportBack.objects.select_related("term__holder").order_by("created_at"),
        )
    )


def elections_of(position: Position) -> QuerySet[Election]:
    """The position's elections, latest first, with their ballot and candidates."""
    return (
        Election.objects.filter(position=position)
        .select_related("ballot")
        .prefetch_related(
            Prefetch("candidates", queryset=Candidate.objects.select_related("user", "option"))
        )
        .order_by("-ballot__created_at", "-id")
    )


def decisions_for_mandates(group: Group | None) -> QuerySet[Decision]:
    """The body's latest decisions, which a mandate may come from."""
    return Decision.objects.filter(group=group).order_by("-decided_at")[:50]


@dataclass(frozen=True)
class Overdue:
    """A report-back not filed in time: the meeting, the holder's term then, the day it was due."""

    meeting: Meeting
    term: Term
    due_on: date


def overdue_report_backs(
    positions: Iterable[Position], *, today: date | None = None, holder_id: int | None = None
) -> list[Overdue]:
    """The report-backs that are overdue: a meeting held more than the group's report-due days
    ago, and a holder then (of `holder_id` alone, if given) who has not reported from it.
    Four queries however many positions, meetings and holders."""
    positions = list(positions)
    today = today or timezone.localdate()
    if not positions:
        return []
    due_days = report_due_days_for({p.group_id for p in positions})
    by_id = {p.pk: p for p in positions}
    meetings = list(
        Meeting.objects.filter(position_id__in=by_id, held_on__lt=today).order_by("held_on", "id")
    )
    if not meetings:
        return []
    terms = Term.objects.filter(position_id__in=by_id).select_related("holder")
    if holder_id is not None:
        terms = terms.filter(holder_id=holder_id)
    terms_by_position: dict[int, list[Term]] = {}
    for term in terms:
        terms_by_position.setdefault(term.position_id, []).append(term)
    filed = set(
        ReportBack.objects.filter(meeting__in=meetings).values_list("meeting_id", "term_id")
    )
    overdue = []
    for meeting in meetings:
        meeting.position = by_id[meeting.position_id]
        due_on = meeting.held_on + timedelta(days=due_days[meeting.position.group_id])
        if due_on >= today:
            continue
        for term in terms_by_position.get(meeting.position_id, []):
            held_then = term.starts_on <= meeting.held_on and (
                term.ended_on is None or term.ended_on >= meeting.held_on
            )
            if held_then and (meeting.pk, term.pk) not in filed:
                overdue.append(Overdue(meeting=meeting, term=term, due_on=due_on))
    return overdue


def report_backs_of(position: Position, holder_id: int) -> QuerySet[ReportBack]:
    """The holder's report-backs in the position, latest meeting first, with the meeting."""
    return (
        ReportBack.objects.filter(term__position=position, term__holder_id=holder_id)
        .select_related("meeting", "term")
        .order_by("-meeting__held_on", "-id")
    )


def holder_terms(position: Position, holder_id: int) -> QuerySet[Term]:
    """The holder's terms in the position, latest first."""
    return Term.objects.filter(position=position, holder_id=holder_id).select_related("holder")


def members_for_positions(group: Group) -> QuerySet[User]:
    """The group's members, by name, whom its organisers may put up or appoint."""
    return User.objects.filter(memberships__group=group).order_by("display_name", "id")


@dataclass
class Place:
    """A ward, constituency or local authority a postcode lies in: its GSS code, its name where
    the register knows it, and who serves it on the date asked about."""

    gss_code: str
    name: str = ""
    body: Body | None = None  # the council whose GSS code this is (a local authority)
    serving: list[Membership] = field(default_factory=list)


@dataclass
class Whereabouts:
    """Where a postcode, or every postcode of a district, lies; several places of each kind
    for a district, one for a whole postcode."""

    postcode: Postcode | None
    district: str
    wards: list[Place]
    constituencies: list[Place]
    authorities: list[Place]
    sources: list[Source]

    @property
    def is_district(self) -> bool:
        return self.postcode is None


def whereabouts_of(postcode: str, district: str, *, on: date) -> Whereabouts | None:
    """Where the whole `postcode` lies, or if it is "", every postcode of `district`, with the
    representatives serving there `on` that date; None if the directory does not know it.
    A fixed number of queries, however many places and representatives."""
    found = Postcode.objects.filter(postcode=postcode).first() if postcode else None
    if found is not None:
        codes = [(found.ward_gss, found.constituency_gss, found.authority_gss)]
    elif postcode:
        return None
    else:
        codes = list(
            Postcode.objects.filter(district=district)
            .values_list("ward_gss", "constituency_gss", "authority_gss")
            .distinct()
        )
        if not codes:
            return None
    wards, constituencies, authorities = (
        sorted({row[i] for row in codes} - {""}) for i in range(3)
    )
    every_code = [*wards, *constituencies, *authorities]
    names = dict(Area.objects.filter(gss_code__in=every_code).values_list("gss_code", "name"))
    councils = {body.gss_code: body for body in Body.objects.filter(gss_code__in=authorities)}
    serving = _serving_in([*wards, *constituencies], on=on)

    def places(gss_codes: list[str]) -> list[Place]:
        made = []
        for code in gss_codes:
            council = councils.get(code)
            name = names.get(code) or (council.name if council else "")
            made.append(Place(code, name, council, serving.get(code, [])))
        return sorted(made, key=lambda place: (place.name or "~", place.gss_code))

    sources = {m.source for members in serving.values() for m in members if m.source}
    sources |= set(Source.objects.filter(slug=onspd.SOURCE.slug))
    return Whereabouts(
        postcode=found,
        district=found.district if found else district,
        wards=places(wards),
        constituencies=places(constituencies),
        authorities=places(authorities),
        sources=sorted(sources, key=lambda source: source.title),
    )


def _serving_in(gss_codes: list[str], *, on: date) -> dict[str, list[Membership]]:
    """{area GSS code: memberships serving it on the date}, by party and name (one query)."""
    memberships = (
        Membership.objects.filter(area__gss_code__in=gss_codes)
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=on))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .select_related("person", "body", "area", "source")
        .order_by("area__name", "party", "person__name", "id")
    )
    found: dict[str, list[Membership]] = {}
    for membership in memberships:
        assert membership.area is not None  # filtered on the area's code
        found.setdefault(membership.area.gss_code, []).append(membership)
    return found


# Imports from the coordinators' page


def register_imports() -> QuerySet[RegisterImport]:
    """Imports started from the page, newest first, without the files' text."""
    return RegisterImport.objects.defer("text", "lookup_text").select_related("created_by")


def get_register_import(pk: int) -> RegisterImport:
    """The import, or 404 (the rule decides who may see it)."""
    return get_object_or_404(RegisterImport, pk=pk)


# Recall


def get_recall_position(pk: int) -> Position:
    """The position with its group, or 404; who may see its recalls is for the rules to say."""
    return get_object_or_404(Position.objects.select_related("group"), pk=pk)


def get_recall_petition(pk: int) -> RecallPetition:
    """The petition with its term, holder, position, group and ballot, or 404; who may see it
    is for the rules to say."""
    return get_object_or_404(
        RecallPetition.objects.select_related(
            "term__holder", "term__position__group", "ballot", "opened_by"
        ),
        pk=pk,
    )


def recall_petitions_of(position: Position) -> QuerySet[RecallPetition]:
    """Every recall petition against the position's holders, latest first, with holder and
    ballot. Counts only: who signed is shown to nobody but the signer."""
    return RecallPetition.objects.filter(term__position=position).select_related(
        "term__holder", "ballot"
    )


def current_terms_of(position: Position) -> QuerySet[Term]:
    """The position's current holders' terms, with the holder."""
    return Term.objects.filter(position=position, ended_on__isnull=True).select_related("holder")


def recall_petitions_signed_by(user, petitions: list[RecallPetition]) -> set[int]:
    """The ids of those of `petitions` that the user signed."""
    if not user.is_authenticated or not petitions:
        return set()
    return set(
        RecallSignature.objects.filter(
            user=user, petition_id__in=[petition.pk for petition in petitions]
        ).values_list("petition_id", flat=True)
    )


def why_recall_ballot_waits(petition: RecallPetition) -> str:
    """What kept the recall ballot from opening, as last recorded: read through the audit's
    index on (group, time), from the moment the petition last changed (its threshold)."""
    entry = (
        AuditEntry.objects.filter(
            group_id=petition.term.position.group_id,
            acted_at__gte=petition.updated_at,
            verb="recall.ballot_waiting",
            target_type=RecallPetition._meta.label_lower,
            target_id=str(petition.pk),
        )
        .order_by("-id")
        .first()
    )
    return str((entry.new or {}).get("why", "")) if entry else ""

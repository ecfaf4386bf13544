"""Importing voting records: Public Whip's divisions, every recorded vote, and its policies.

People are joined to the register by their ids, never by name: a Public Whip member id (already
stored from an earlier import), else parlparse's datadotparl id for that member, else (for the 20
members parlparse gives none) the register's Commons seat with the same constituency and the
same first and last day. A joined member's Public Whip id is stored as an Identifier, so the next
import joins them at once. A member who cannot be joined is reported with the reason; their votes
are left out. Divisions are keyed by (body, date, number): a corrected title is an update. A
newer release's missing votes and policy divisions are removed (vote_removals.py). The same
folder twice changes nothing."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from groundwork.accountability.actions import twfy_policies, vote_removals
from groundwork.accountability.importing import Skipped
from groundwork.accountability.models import (
    Body,
    Division,
    Identifier,
    Membership,
    Policy,
    PolicyDivision,
    Source,
    Vote,
)
from groundwork.accountability.publicwhip import COMMONS, DivisionKey, Member, VoteFiles
from groundwork.accountability.queries import forget_scorecards
from groundwork.core.audit import record
from groundwork.members.models import User

PUBLIC_WHIP = {
    "slug": "publicwhip",
    "title": "Public Whip (vote matrix and policies, 2013)",
    "url": "https://www.publicwhip.org.uk/",
    "licence": "Open Database Licence (ODbL): attribute Public Whip, share alike",
    "licence_url": "https://opendatacommons.org/licenses/odbl/1-0/",
}
PARLIAMENT = {
    "slug": "uk-parliament-divisions",
    "title": "UK Parliament: Hansard division lists (via parlparse)",
    "url": "https://hansard.parliament.uk/",
    "licence": "Open Parliament Licence v3.0",
    "licence_url": "https://www.parliament.uk/site-information/copyright-parliament/"
    "open-parliament-licence/",
}
COMMONS_BODY = {"kind": Body.Kind.COMMONS, "name": "House of Commons", "slug": "house-of-commons"}
BATCH = 2000
HOUSES = {"lords": "House of Lords", "scotland": "Scottish Parliament"}


@dataclass
class Tally:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0  # on file, but no longer in the newer file (actions/vote_removals.py)

    @property
    def rows(self) -> int:
        return self.added + self.updated + self.unchanged


@dataclass
class VoteImportReport:
    """What a vote import did: rows of each kind added, updated or unchanged; the members joined
    to the register and those that could not be, with why; the file rows skipped."""

    divisions: Tally = field(default_factory=Tally)
    votes: Tally = field(default_factory=Tally)
    policies: Tally = field(default_factory=Tally)
    policy_divisions: Tally = field(default_factory=Tally)
    joined: int = 0
    not_joined: list[Skipped] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def summary(self) -> str:
        """`<rows> rows: <a> added, <u> updated, <n> unchanged, <s> skipped (by kind); joined`."""
        tallies = (self.divisions, self.votes, self.policies, self.policy_divisions)
        added, updated, unchanged = (sum(getattr(t, name) for t in tallies) for name in _TALLIES)
        return (
            f"{sum(t.rows for t in tallies) + len(self.skipped)} rows: {added} added, "
            f"{updated} updated, {unchanged} unchanged, {len(self.skipped)} skipped "
            f"({self.divisions.rows} divisions, {self.votes.rows} votes, {self.policies.rows} "
            f"policies, {self.policy_divisions.rows} policy divisions); {self.joined} members "
            f"joined to the register, {len(self.not_joined)} not joined, "
            f"{self.votes.removed + self.policy_divisions.removed} removed "
            f"({self.votes.removed} votes, {self.policy_divisions.removed} policy divisions)"
        )


_TALLIES = ("added", "updated", "unchanged")


def do_import_votes(
    files: VoteFiles,
    *,
    acting_user: User | None,
    progress: Callable[[int, int], None] | None = None,
) -> VoteImportReport:
    """Apply Public Whip's files to the voting record, in one transaction, one audit entry."""
    report = VoteImportReport()
    report.skipped.extend(
        Skipped(s.line, f"vote matrix, line {s.line}: {s.reason}") for s in files.matrix.skipped
    )
    report.skipped.extend(
        Skipped(s.line, f"policy votes, line {s.line}: {s.reason}")
        for s in files.policy_votes.skipped
    )
    with transaction.atomic():
        whip = _source(PUBLIC_WHIP)
        _source(PARLIAMENT)
        body = Body.objects.filter(kind=Body.Kind.COMMONS).order_by("id").first()
        body = body or Body.objects.create(**COMMONS_BODY)
        person_of = _join_members(files, body, report)
        divisions = _import_divisions(files, body, whip, report)
        _import_votes(files, divisions, person_of, report, progress)
        _import_policies(files, divisions, whip, report)
        twfy_policies.import_twfy_policies(files, divisions, body, report)
        forget_scorecards()
        record(
            actor=acting_user,
            verb="votes.imported",
            target=body,
            new={
                "source": whip.slug,
                "divisions": report.divisions.rows,
                "votes": report.votes.rows,
                "policies": report.policies.rows,
                "added": sum(t.added for t in _all(report)),
                "updated": sum(t.updated for t in _all(report)),
                "removed": sum(t.removed for t in _all(report)),
                "not_joined": len(report.not_joined),
                "skipped": len(report.skipped),
            },
        )
    return report


def _all(report: VoteImportReport) -> tuple[Tally, ...]:
    return (report.divisions, report.votes, report.policies, report.policy_divisions)


def _source(values: dict[str, str]) -> Source:
    source, _created = Source.objects.update_or_create(slug=values["slug"], defaults=values)
    return source


def _join_members(files: VoteFiles, body: Body, report: VoteImportReport) -> dict[int, int]:
    """{Public Whip member id: person id} for every member joined; the rest reported."""
    known = {
        (row.scheme, row.value): row.person_id
        for row in Identifier.objects.filter(scheme__in=("publicwhip", "datadotparl"))
    }
    seats: dict[tuple[str, date | None, date | None], set[int]] = {}
    for membership in Membership.objects.filter(body=body, area__isnull=False).values_list(
        "area__name", "start_date", "end_date", "person_id"
    ):
        seats.setdefault(membership[:3], set()).add(membership[3])
    members = {member.member_id: member for member in files.members}
    voting = set(files.matrix.member_ids)
    person_of: dict[int, int] = {}
    new_ids = []
    for member_id in sorted(voting | members.keys()):
        member = members.get(member_id)
        if member is None:
            reason = "not in parlparse's members list, so no id joins them to the register"
            report.not_joined.append(Skipped(member_id, f"member {member_id}: {reason}"))
            continue
        person, reason = _person_for(member, known, seats)
        if person is None:
            label = f"member {member_id} ({member.name}, {member.constituency})"
            report.not_joined.append(Skipped(member_id, f"{label}: {reason}"))
            continue
        person_of[member_id] = person
        if ("publicwhip", str(member_id)) not in known:
            new_ids.append(Identifier(person_id=person, scheme="publicwhip", value=str(member_id)))
    Identifier.objects.bulk_create(new_ids)
    report.joined = len(person_of)
    return person_of


def _person_for(
    member: Member,
    known: dict[tuple[str, str], int],
    seats: dict[tuple[str, date | None, date | None], set[int]],
) -> tuple[int | None, str]:
    by_whip = known.get(("publicwhip", str(member.member_id)))
    by_parl = (
        known.get(("datadotparl", str(member.datadotparl_id))) if member.datadotparl_id else None
    )
    if by_whip and by_parl and by_whip != by_parl:
        return None, (
            f"Public Whip id and datadotparl id {member.datadotparl_id} name two different "
            "people in the register"
        )
    if by_whip or by_parl:
        return by_whip or by_parl, ""
    people = seats.get((member.constituency, member.from_date, member.to_date), set())
    if len(people) == 1:
        return next(iter(people)), ""
    if people:
        return None, f"{len(people)} people held the seat on those dates"
    if member.datadotparl_id:
        return None, f"no one in the register has datadotparl id {member.datadotparl_id}"
    return None, (
        "no datadotparl id, and no seat in the register for "
        f"{member.constituency} from {member.from_date} to {member.to_date}"
    )


def _import_divisions(
    files: VoteFiles, body: Body, whip: Source, report: VoteImportReport
) -> dict[DivisionKey, Division]:
    """{(date, number): Division} for the matrix's divisions and the policies' Commons ones."""
    held = {DivisionKey(d.date, d.number): d for d in Division.objects.filter(body=body)}
    changed, made = [], []
    for parsed in files.matrix.divisions:
        division = held.get(parsed.key)
        if division is None:
            division = Division(
                body=body, date=parsed.date, number=parsed.number, title=parsed.title[:500]
            )
            division.recorded, division.source = True, whip
            made.append(division)
            held[parsed.key] = division
        elif (division.title, division.recorded) != (parsed.title[:500], True):
            division.title, division.recorded = parsed.title[:500], True
            changed.append(division)
        else:
            report.divisions.unchanged += 1
    in_matrix = {parsed.key for parsed in files.matrix.divisions}
    named = {link.division for link in files.policy_votes.divisions if link.body == COMMONS}
    for key in sorted(named - in_matrix):
        if key in held:
            report.divisions.unchanged += 1
            continue
        division = Division(body=body, date=key.date, number=key.number, source=whip)
        made.append(division)
        held[key] = division
    Division.objects.bulk_create(made, batch_size=BATCH)
    Division.objects.bulk_update(changed, ["title", "recorded"], batch_size=BATCH)
    report.divisions.added += len(made)
    report.divisions.updated += len(changed)
    return held


def _import_votes(
    files: VoteFiles,
    divisions: dict[DivisionKey, Division],
    person_of: dict[int, int],
    report: VoteImportReport,
    progress: Callable[[int, int], None] | None,
) -> None:
    recorded = [divisions[parsed.key] for parsed in files.matrix.divisions]
    held = {
        (division_id, person_id): (pk, how)
        for pk, division_id, person_id, how in Vote.objects.filter(
            division__in=recorded
        ).values_list("pk", "division_id", "person_id", "how")
    }
    by_division: dict[DivisionKey, list] = {}
    for vote in files.matrix.votes:
        by_division.setdefault(vote.division, []).append(vote)
    made, changed, seen = [], [], set()
    for done, parsed in enumerate(files.matrix.divisions, start=1):
        division = divisions[parsed.key]
        for vote in by_division.get(parsed.key, []):
            person = person_of.get(vote.member_id)
            if person is None:
                continue  # reported once, as a member not joined
            if (division.pk, person) in seen:
                reason = f"a second vote by the same person in {parsed.key.date} #{parsed.number}"
                report.skipped.append(Skipped(vote.member_id, f"member {vote.member_id}: {reason}"))
                continue
            seen.add((division.pk, person))
            existing = held.get((division.pk, person))
            if existing is None:
                made.append(Vote(division=division, person_id=person, how=vote.how.value))
            elif existing[1] != vote.how.value:
                changed.append(Vote(pk=existing[0], how=vote.how.value))
            else:
                report.votes.unchanged += 1
        if progress is not None:
            progress(done, len(files.matrix.divisions))
    Vote.objects.bulk_create(made, batch_size=BATCH)
    Vote.objects.bulk_update(changed, ["how"], batch_size=BATCH)
    vanished = vote_removals.vanished_votes(held, seen, set(person_of.values()))
    report.votes.removed += vote_removals.delete_votes(vanished)
    report.votes.added += len(made)
    report.votes.updated += len(changed)


def _import_policies(
    files: VoteFiles,
    divisions: dict[DivisionKey, Division],
    whip: Source,
    report: VoteImportReport,
) -> None:
    held = {policy.external_id: policy for policy in Policy.objects.filter(source=whip)}
    made, changed = [], []
    for parsed in files.policies:
        policy = held.get(str(parsed.id))
        if policy is None:
            policy = Policy(
                title=parsed.title[:200],
                description=parsed.description,
                source=whip,
                external_id=str(parsed.id),
            )
            made.append(policy)
            held[policy.external_id] = policy
        elif (policy.title, policy.description) != (parsed.title[:200], parsed.description):
            policy.title, policy.description = parsed.title[:200], parsed.description
            changed.append(policy)
        else:
            report.policies.unchanged += 1
    Policy.objects.bulk_create(made)
    Policy.objects.bulk_update(changed, ["title", "description"])
    report.policies.added += len(made)
    report.policies.updated += len(changed)
    _import_policy_divisions(files, divisions, held, report)


def _import_policy_divisions(
    files: VoteFiles,
    divisions: dict[DivisionKey, Division],
    policies: dict[str, Policy],
    report: VoteImportReport,
) -> None:
    held = {
        (link.policy_id, link.division_id): link
        for link in PolicyDivision.objects.filter(policy__in=list(policies.values()))
    }
    made, changed, named = [], [], set()
    for number, parsed in enumerate(files.policy_votes.divisions, start=1):
        policy = policies.get(str(parsed.policy_id))
        key = parsed.division
        where = f"policy votes: policy {parsed.policy_id}, division {key.date} #{key.number}"
        if policy is None:
            report.skipped.append(Skipped(number, f"{where}: no such policy in the policies file"))
            continue
        if parsed.body != COMMONS:
            house = HOUSES.get(parsed.body, parsed.body)
            reason = f"a division of the {house}: only the Commons' votes are on file"
            report.skipped.append(Skipped(number, f"{where}: {reason}"))
            continue
        division = divisions[key]
        named.add((policy.pk, division.pk))
        link = held.get((policy.pk, division.pk))
        if link is None:
            link = PolicyDivision(
                policy=policy,
                division=division,
                position=parsed.position.value,
                strength=parsed.strength.value,
            )
            made.append(link)
            held[(policy.pk, division.pk)] = link
        elif (link.position, link.strength) == (parsed.position.value, parsed.strength.value):
            report.policy_divisions.unchanged += 1
        elif link.pk is None:
            report.skipped.append(Skipped(number, f"{where}: listed twice, with two sides"))
        else:
            link.position, link.strength = parsed.position.value, parsed.strength.value
            changed.append(link)
    in_file = {policies[str(parsed.id)].pk for parsed in files.policies}
    vanished = vote_removals.vanished_policy_divisions(held, named, in_file)
    report.policy_divisions.removed += vote_removals.delete_policy_divisions(vanished)
    PolicyDivision.objects.bulk_create(made, batch_size=BATCH)
    PolicyDivision.objects.bulk_update(changed, ["position", "strength"], batch_size=BATCH)
    report.policy_divisions.added += len(made)
    report.policy_divisions.updated += len(changed)

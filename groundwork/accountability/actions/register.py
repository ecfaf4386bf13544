"""Changes to the register of the public's representatives: importing a parsed file.

`do_import_representatives` applies what a file says (importing/) and reports what changed. A
party change, or a move to another area, ends the membership at the import's `as_of` date and
starts a new one there: the old one is kept. People are found by their ids, and by name only when
the file gives none. A council's list names everyone serving, so a councillor missing from it is
marked no longer serving (their membership ends at `as_of`); nobody is deleted. The same file
twice changes nothing."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from groundwork.accountability.actions.register_held import HeldRegister
from groundwork.accountability.importing import AreaInfo, Register, Seat, Skipped
from groundwork.accountability.models import (
    Area,
    Body,
    ContactDetail,
    Identifier,
    Membership,
    Person,
    Source,
)
from groundwork.accountability.queries import forget_scorecards
from groundwork.core.audit import record
from groundwork.members.models import User

CHANGED_PARTY = "changed party"
CHANGED_AREA = "moved to another area"
NOT_LISTED = "no longer on the body's list"


@dataclass
class ImportReport:
    """What an import did, row by row: every row is added, updated, unchanged or skipped."""

    rows: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    no_longer_serving: int = 0

    def summary(self) -> str:
        """One line: `<rows> rows: <a> added, <u> updated, <n> unchanged, <s> skipped, …`."""
        return (
            f"{self.rows} rows: {self.added} added, {self.updated} updated, "
            f"{self.unchanged} unchanged, {len(self.skipped)} skipped, "
            f"{self.no_longer_serving} no longer serving"
        )


class IdentifierConflict(Exception):
    """A row's ids belong to different people already in the register."""


def do_import_representatives(
    register: Register,
    *,
    as_of: date,
    acting_user: User | None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Apply a parsed file to the register, in one transaction, with one audit entry."""
    report = ImportReport(rows=register.rows, skipped=list(register.skipped))
    with transaction.atomic():
        source = _source(register)
        body = _body(register)
        first_import = not body.memberships.exists()
        importer = _Importer(
            body=body,
            source=source,
            as_of=as_of,
            first_import=first_import,
            held=HeldRegister.read(register, body, source),
        )
        for done, seat in enumerate(register.seats, start=1):
            try:
                outcome = importer.apply(seat)
            except IdentifierConflict as conflict:
                report.skipped.append(Skipped(seat.line, str(conflict), seat.identifiers))
            else:
                setattr(report, outcome, getattr(report, outcome) + 1)
            if progress is not None:
                progress(done, len(register.seats))
        if register.complete_roster:
            kept = importer.seen | _people_with([skipped.identifiers for skipped in report.skipped])
            report.no_longer_serving = _end_memberships_of_others(body, kept, as_of)
        report.skipped.sort(key=lambda skipped: skipped.line)
        forget_scorecards()  # membership dates decide who was absent
        record(
            actor=acting_user,
            verb="register.imported",
            target=body,
            new={
                "source": source.slug,
                "as_of": as_of.isoformat(),
                "rows": report.rows,
                "added": report.added,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "skipped": len(report.skipped),
                "no_longer_serving": report.no_longer_serving,
            },
        )
    return report


def _source(register: Register) -> Source:
    info = register.source
    values = {
        "title": info.title,
        "url": info.url,
        "licence": info.licence,
        "licence_url": info.licence_url,
    }
    source, _created = Source.objects.update_or_create(slug=info.slug, defaults=values)
    return source


def _body(register: Register) -> Body:
    info = register.body
    found = Body.objects.filter(gss_code=info.gss_code).first() if info.gss_code else None
    found = found or Body.objects.filter(slug=info.slug).first()
    if found is None:
        return Body.objects.create(
            kind=info.kind, name=info.name, slug=info.slug, gss_code=info.gss_code
        )
    return found


def _people_with(identifier_sets: list[dict[str, str]]) -> set[int]:
    pairs = {(scheme, value) for found in identifier_sets for scheme, value in found.items()}
    if not pairs:
        return set()
    schemes = {scheme for scheme, _value in pairs}
    values = {value for _scheme, value in pairs}
    rows = Identifier.objects.filter(scheme__in=schemes, value__in=values)
    return {row.person_id for row in rows if (row.scheme, row.value) in pairs}


def _end_memberships_of_others(body: Body, kept: set[int], as_of: date) -> int:
    """End, at `as_of`, the open memberships of the body held by people not in `kept`."""
    ended = 0
    for membership in Membership.objects.filter(body=body, end_date__isnull=True).exclude(
        person_id__in=kept
    ):
        start = membership.start_date
        membership.end_date = max(as_of, start) if start else as_of
        membership.end_reason = NOT_LISTED
        membership.save(update_fields=["end_date", "end_reason"])
        ended += 1
    return ended


@dataclass
class _Importer:
    """Applies the seats of one file to one body; remembers who it saw."""

    body: Body
    source: Source
    as_of: date
    first_import: bool
    # What the register holds for the file's seats, read at once (register_held.py).
    held: HeldRegister = field(default_factory=HeldRegister)
    seen: set[int] = field(default_factory=set)
    areas: dict[AreaInfo, Area] = field(default_factory=dict)

    def apply(self, seat: Seat) -> str:
        """ "added", "updated" or "unchanged": what the seat's row did."""
        person, person_changed = self.person_for(seat)
        self.seen.add(person.pk)
        area = self.area_for(seat.area) if seat.area else None
        outcome = self.membership(person, seat, area)
        contacts_changed = self.contacts(person, seat.contacts)
        if outcome == "unchanged" and (person_changed or contacts_changed):
            return "updated"
        return outcome

    def person_for(self, seat: Seat) -> tuple[Person, bool]:
        """The person the seat's ids name (made if new), and whether ids were added to them."""
        rows = self.held.people_with(seat.identifiers)
        people = {person.pk for _scheme, _value, person in rows}
        if len(people) > 1:
            raise IdentifierConflict(
                f"its ids belong to {len(people)} different people in the register: "
                + ", ".join(sorted(f"{scheme} {value}" for scheme, value, _person in rows))
            )
        if people:
            person = rows[0][2]
        elif not seat.identifiers:
            person = self.held.person_named(seat.name) or Person.objects.create(name=seat.name)
        else:
            person = Person.objects.create(name=seat.name)
        self.held.add_person(person)
        known = self.held.schemes(person)
        added = [
            Identifier(person=person, scheme=scheme, value=value)
            for scheme, value in seat.identifiers.items()
            if scheme not in known
        ]
        Identifier.objects.bulk_create(added)
        self.held.add_identifiers(added)
        return person, bool(added) and bool(rows)

    def area_for(self, info: AreaInfo) -> Area:
        if info not in self.areas:
            self.areas[info] = self._find_or_make_area(info)
        return self.areas[info]

    def _find_or_make_area(self, info: AreaInfo) -> Area:
        # By GSS code, else parlparse id; else files with different ids for the same
        # constituency (Popolo's parlparse ids, YourNextMP's GSS codes) meet on its name, where
        # neither id contradicts the other (register_held.py).
        area = self.held.area(info, self.body)
        if area is None:
            area = Area.objects.create(
                body=self.body,
                kind=info.kind,
                name=info.name,
                gss_code=info.gss_code,
                parlparse_id=info.parlparse_id,
                lookup_year=info.lookup_year,
            )
            self.held.add_area(area)
            return area
        filled = {
            name: value
            for name, value in (
                ("gss_code", info.gss_code),
                ("parlparse_id", info.parlparse_id),
                ("lookup_year", info.lookup_year),
            )
            if value and not getattr(area, name)
        }
        if filled:
            for name, value in filled.items():
                setattr(area, name, value)
            area.save(update_fields=list(filled))
        return area

    def membership(self, person: Person, seat: Seat, area: Area | None) -> str:
        held = self.held.memberships(person)
        if seat.start_date is not None:
            current = next((m for m in held if m.start_date == seat.start_date), None)
        else:
            current = next((m for m in held if m.end_date is None), None)
        area_id = area.pk if area else None
        if current is not None and (current.area_id != area_id or current.party != seat.party):
            # An earlier import of this file may have recorded the change already.
            successor = next(
                (
                    m
                    for m in held
                    if m.area_id == area_id
                    and m.party == seat.party
                    and m.start_date is not None
                    and (current.start_date is None or m.start_date > current.start_date)
                ),
                None,
            )
            if successor is None:
                reason = CHANGED_PARTY if current.area_id == area_id else CHANGED_AREA
                self._end(current, reason)
                self._start(person, seat, area, start=self.as_of)
                return "updated"
            current = successor
        if current is None:
            start = seat.start_date or (None if self.first_import else self.as_of)
            self._start(person, seat, area, start=start)
            return "added"
        if seat.start_date is not None and (current.end_date, current.end_reason) != (
            seat.end_date,
            seat.end_reason,
        ):
            current.end_date, current.end_reason = seat.end_date, seat.end_reason
            current.save(update_fields=["end_date", "end_reason"])
            return "updated"
        return "unchanged"

    def _end(self, membership: Membership, reason: str) -> None:
        start = membership.start_date
        membership.end_date = max(self.as_of, start) if start else self.as_of
        membership.end_reason = reason
        membership.save(update_fields=["end_date", "end_reason"])

    def _start(self, person: Person, seat: Seat, area: Area | None, *, start: date | None) -> None:
        end = seat.end_date if seat.end_date and (start is None or seat.end_date >= start) else None
        membership = Membership.objects.create(
            person=person,
            body=self.body,
            area=area,
            party=seat.party,
            start_date=start,
            end_date=end,
            end_reason=seat.end_reason if end else "",
            source=self.source,
        )
        self.held.add_membership(membership)

    def contacts(self, person: Person, published: dict[str, str]) -> bool:
        """Bring the person's contact details from this source up to the file; True if changed."""
        held = self.held.contacts(person)
        kept = []
        changed = False
        added = []
        for kind, value in published.items():
            contact = held.pop(kind, None)
            if contact is None:
                added.append(
                    ContactDetail(person=person, kind=kind, value=value, source=self.source)
                )
                changed = True
            else:
                kept.append(contact)
                if contact.value != value:
                    contact.value = value
                    contact.save(update_fields=["value"])
                    changed = True
        ContactDetail.objects.bulk_create(added)
        self.held.set_contacts(person, [*kept, *added])
        for contact in held.values():  # no longer published by this source
            contact.delete()
            changed = True
        return changed

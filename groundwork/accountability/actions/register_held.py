"""What the register holds that one file's seats can touch, read before the import in a fixed
number of queries (not four or five per seat), and kept up to date as the import writes.

A national file of 672 seats that changes nothing used to ask about 3,300 queries, one person,
membership list and contact list at a time; read here, it asks a handful. The import
(register.py) looks everything up here, and tells this what it created, so the next seat of the
same person (a by-election, a party change) sees it as the database would."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from groundwork.accountability.importing import AreaInfo, Register
from groundwork.accountability.models import (
    Area,
    Body,
    ContactDetail,
    Identifier,
    Membership,
    Person,
    Source,
)


def _newest_first(membership: Membership) -> tuple[bool, int, int]:
    """Membership's own ordering: start date, latest first, none last; then the newest row."""
    start = membership.start_date
    return (start is None, -(start or date.min).toordinal(), -(membership.pk or 0))


@dataclass
class HeldRegister:
    person_of: dict[tuple[str, str], Person] = field(default_factory=dict)
    schemes_of: dict[int, set[str]] = field(default_factory=dict)
    memberships_of: dict[int, list[Membership]] = field(default_factory=dict)
    contacts_of: dict[int, dict[str, ContactDetail]] = field(default_factory=dict)
    named: dict[str, Person] = field(default_factory=dict)  # people of the body, by name
    areas: list[Area] = field(default_factory=list)

    @classmethod
    def read(cls, register: Register, body: Body, source: Source) -> "HeldRegister":
        """Read what the register's seats can name: their people (by id, or by name where a
        seat has none), those people's ids, memberships of the body and contact details from
        the source, and the areas the seats could be."""
        held = cls()
        pairs = {pair for seat in register.seats for pair in seat.identifiers.items()}
        if pairs:
            rows = Identifier.objects.filter(
                scheme__in={scheme for scheme, _ in pairs}, value__in={value for _, value in pairs}
            ).select_related("person")
            held.person_of = {
                (r.scheme, r.value): r.person for r in rows if (r.scheme, r.value) in pairs
            }
        names = {seat.name for seat in register.seats if not seat.identifiers}
        if names:
            for person in Person.objects.filter(name__in=names, memberships__body=body).distinct():
                held.named.setdefault(person.name, person)
        people = {person.pk for person in held.person_of.values()}
        people |= {person.pk for person in held.named.values()}
        for scheme, person_id in Identifier.objects.filter(person_id__in=people).values_list(
            "scheme", "person_id"
        ):
            held.schemes_of.setdefault(person_id, set()).add(scheme)
        for membership in Membership.objects.filter(body=body, person_id__in=people):
            held.memberships_of.setdefault(membership.person_id, []).append(membership)
        for contact in ContactDetail.objects.filter(source=source, person_id__in=people):
            held.contacts_of.setdefault(contact.person_id, {})[contact.kind] = contact
        held.areas = list(_areas_for((seat.area for seat in register.seats if seat.area), body))
        return held

    def people_with(self, identifiers: dict[str, str]) -> list[tuple[str, str, Person]]:
        """(scheme, value, person) for each of the ids that names someone."""
        return [
            (scheme, value, self.person_of[(scheme, value)])
            for scheme, value in identifiers.items()
            if (scheme, value) in self.person_of
        ]

    def person_named(self, name: str) -> Person | None:
        return self.named.get(name)

    def add_person(self, person: Person) -> None:
        self.named.setdefault(person.name, person)

    def add_identifiers(self, rows: Iterable[Identifier]) -> None:
        for row in rows:
            self.person_of[(row.scheme, row.value)] = row.person
            self.schemes_of.setdefault(row.person_id, set()).add(row.scheme)

    def schemes(self, person: Person) -> set[str]:
        return self.schemes_of.get(person.pk, set())

    def memberships(self, person: Person) -> list[Membership]:
        return self.memberships_of.get(person.pk, [])

    def add_membership(self, membership: Membership) -> None:
        held = self.memberships_of.setdefault(membership.person_id, [])
        held.append(membership)
        held.sort(key=_newest_first)

    def contacts(self, person: Person) -> dict[str, ContactDetail]:
        """The person's contact details from the source, by kind (a copy to change)."""
        return dict(self.contacts_of.get(person.pk, {}))

    def set_contacts(self, person: Person, contacts: Iterable[ContactDetail]) -> None:
        self.contacts_of[person.pk] = {contact.kind: contact for contact in contacts}

    def area(self, info: AreaInfo, body: Body) -> Area | None:
        """The area an import finds for `info`, as register.py's rules say: by GSS code, else by
        parlparse id, else by the body's area of that kind and name whose ids do not disagree."""
        if info.gss_code:
            found = self._first(lambda area: area.gss_code == info.gss_code)
            if found:
                return found
        if info.parlparse_id:
            found = self._first(lambda area: area.parlparse_id == info.parlparse_id)
            if found:
                return found
        return self._first(
            lambda area: (
                area.body_id == body.pk
                and (area.kind, area.name) == (info.kind, info.name)
                and not (info.gss_code and area.gss_code)
                and not (info.parlparse_id and area.parlparse_id)
            )
        )

    def add_area(self, area: Area) -> None:
        self.areas.append(area)
        self.areas.sort(key=lambda held: (held.name, held.pk))

    def _first(self, wanted: Callable[[Area], bool]) -> Area | None:
        return next((area for area in self.areas if wanted(area)), None)


def _areas_for(infos: Iterable[AreaInfo], body: Body) -> Iterable[Area]:
    infos = set(infos)
    if not infos:
        return []
    gss_codes = {info.gss_code for info in infos if info.gss_code}
    parlparse_ids = {info.parlparse_id for info in infos if info.parlparse_id}
    names = {info.name for info in infos}
    return Area.objects.filter(
        Q(gss_code__in=gss_codes) | Q(parlparse_id__in=parlparse_ids) | Q(body=body, name__in=names)
    ).order_by("name", "pk")

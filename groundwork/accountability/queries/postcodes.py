"""Finding a postcode's places and who represents them (public)."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Avg, Q

from groundwork.accountability.importing import onspd
from groundwork.accountability.models import (
    Area,
    Body,
    Membership,
    Postcode,
    Source,
)


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


def district_centroids() -> dict[str, tuple[Decimal, Decimal]]:
    """The mean point of each postcode district's live postcodes that have one, by district."""
    rows = (
        Postcode.objects.filter(terminated__isnull=True, latitude__isnull=False)
        .exclude(district="")
        .order_by()
        .values("district")
        .annotate(latitude=Avg("latitude"), longitude=Avg("longitude"))
    )
    return {row["district"]: (row["latitude"], row["longitude"]) for row in rows}

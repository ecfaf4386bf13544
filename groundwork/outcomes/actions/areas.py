"""Areas, from the register of local authorities and the ward lookups (`import_areas`), and the
links of groups to the areas their ONS code names (`do_link_group_areas`).

The countries and English regions are not in those files: they come from `COUNTRIES_AND_REGIONS`
below (ONS Register of Geographic Codes; ONS "Countries (December 2022) Names and Codes in the
United Kingdom" and "Regions (December 2022) Names and Codes in England", OGL v3), Welsh names of
the countries as ONS gives them (CTRY22NMW). Welsh names of local authorities are left blank here:
the register's alt-names hold Welsh variants without saying which they are, so they become names
to resolve, not `name_cy`; the Stat-Xplore import fills `name_cy` from its bilingual names.
Running the import again with the same files changes nothing."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction

from groundwork.core.audit import record
from groundwork.groups.hooks import every_group_page_changed, group_page_changed
from groundwork.groups.models import Group
from groundwork.members.models import User
from groundwork.outcomes.actions.area_files import AreaFiles, Authority
from groundwork.outcomes.actions.resolving import fold
from groundwork.outcomes.models import Area, AreaName, GroupArea, Succession

L = Area.Level
N = Area.Nation
# (GSS code, name, Welsh name, level, nation, region)
COUNTRIES_AND_REGIONS = [
    ("K02000001", "United Kingdom", "Y Deyrnas Unedig", L.COUNTRY, N.UK, ""),
    ("E92000001", "England", "Lloegr", L.COUNTRY, N.ENGLAND, ""),
    ("W92000004", "Wales", "Cymru", L.COUNTRY, N.WALES, ""),
    ("S92000003", "Scotland", "Yr Alban", L.COUNTRY, N.SCOTLAND, ""),
    ("N92000002", "Northern Ireland", "Gogledd Iwerddon", L.COUNTRY, N.NORTHERN_IRELAND, ""),
    ("E12000001", "North East", "", L.REGION, N.ENGLAND, "North East"),
    ("E12000002", "North West", "", L.REGION, N.ENGLAND, "North West"),
    ("E12000003", "Yorkshire and The Humber", "", L.REGION, N.ENGLAND, "Yorkshire and The Humber"),
    ("E12000004", "East Midlands", "", L.REGION, N.ENGLAND, "East Midlands"),
    ("E12000005", "West Midlands", "", L.REGION, N.ENGLAND, "West Midlands"),
    ("E12000006", "East of England", "", L.REGION, N.ENGLAND, "East of England"),
    ("E12000007", "London", "", L.REGION, N.ENGLAND, "London"),
    ("E12000008", "South East", "", L.REGION, N.ENGLAND, "South East"),
    ("E12000009", "South West", "", L.REGION, N.ENGLAND, "South West"),
]
# The register's local-authority-type → level. Combined authorities and the Greater London
# Authority are not areas statistics are published for here, so they are skipped (and said so).
LEVEL_OF_TYPE = {
    "UA": L.UNITARY,
    "MD": L.UNITARY,
    "LBO": L.UNITARY,
    "WPA": L.UNITARY,
    "SCO": L.UNITARY,
    "NID": L.UNITARY,
    "CC": L.UNITARY,  # the City of London
    "NMD": L.DISTRICT,
    "CTY": L.UPPER_TIER,
}
NATION_OF = {
    "England": N.ENGLAND,
    "Wales": N.WALES,
    "Scotland": N.SCOTLAND,
    "Northern Ireland": N.NORTHERN_IRELAND,
}
FIELDS = ["name", "level", "nation", "region", "registry_code", "start_date", "end_date"]


@dataclass
class AreaReport:
    """What `do_import_areas` did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    names_added: int = 0
    successions_added: int = 0
    # (line, why) of each row of the files that gave no area
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        """One line: `<n> areas: <a> added, <u> updated, <n> unchanged, <s> skipped; …`."""
        total = self.added + self.updated + self.unchanged
        return (
            f"{total} areas: {self.added} added, {self.updated} updated, {self.unchanged} "
            f"unchanged, {len(self.skipped)} skipped; {self.names_added} names added, "
            f"{self.successions_added} successions added"
        )


@dataclass
class _Plan:
    """The areas, names and successions the files describe, keyed by GSS code."""

    areas: dict[str, dict[str, Any]] = field(default_factory=dict)
    parents: dict[str, str] = field(default_factory=dict)
    names: set[tuple[str, str]] = field(default_factory=set)
    successions: dict[tuple[str, str], date | None] = field(default_factory=dict)


@transaction.atomic
def do_import_areas(files: AreaFiles, *, acting_user: User | None) -> AreaReport:
    """Bring the areas, their names and their successions up to the files, in one transaction
    with one audit entry. Areas are added and updated, never deleted; names and successions are
    added."""
    report = AreaReport()
    plan = _Plan()
    _plan_countries(plan)
    _plan_authorities(plan, files, report)
    _plan_wards(plan, files, report)
    areas = _apply_areas(plan, report)
    _apply_parents(plan, areas)
    report.names_added = _apply_names(plan, areas)
    report.successions_added = _apply_successions(plan, areas)
    every_group_page_changed()  # the names of the areas their pages link to
    record(
        actor=acting_user,
        verb="areas.imported",
        target=areas["K02000001"],
        new={
            "files": files.files,
            "added": report.added,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "skipped": len(report.skipped),
            "names_added": report.names_added,
            "successions_added": report.successions_added,
        },
    )
    return report


def _plan_countries(plan: _Plan) -> None:
    for code, name, name_cy, level, nation, region in COUNTRIES_AND_REGIONS:
        plan.areas[code] = _fields(name, level, nation, region, name_cy=name_cy)
        plan.names |= {(code, fold(name))} | ({(code, fold(name_cy))} if name_cy else set())


def _fields(name: str, level: str, nation: str, region: str, **more: Any) -> dict[str, Any]:
    values = dict(name=name, level=level, nation=nation, region=region, registry_code="")
    return values | {"start_date": None, "end_date": None} | more


def _plan_authorities(plan: _Plan, files: AreaFiles, report: AreaReport) -> None:
    by_registry = {a.registry_code: a for a in files.authorities}
    for authority in files.authorities:
        where = f"register line {authority.line}"
        if authority.type not in LEVEL_OF_TYPE:
            report.skipped.append((where, f"{authority.official_name}: not a council area"))
            continue
        if not authority.gss_code:
            report.skipped.append((where, f"{authority.official_name}: no GSS code"))
            continue
        code = authority.gss_code
        values = _fields(
            authority.nice_name or authority.official_name,
            LEVEL_OF_TYPE[authority.type],
            NATION_OF[authority.nation],
            _region(authority, by_registry),
            registry_code=authority.registry_code,
            start_date=authority.start_date,
            end_date=authority.end_date,
        )
        plan.areas[code] = values
        county = by_registry.get(authority.county)
        if county is not None and county.gss_code:
            plan.parents[code] = county.gss_code
        plan.names |= {(code, fold(authority.official_name)), (code, fold(values["name"]))}
        for successor_code in authority.replaced_by:
            successor = by_registry.get(successor_code)
            if successor is not None and successor.gss_code:
                plan.successions[(code, successor.gss_code)] = authority.end_date
        former = set(authority.former_gss_codes)
        former |= {gss for gss, registry in files.gss_codes if registry == authority.registry_code}
        for former_code in sorted(former - {code}):
            # An earlier code of the same council, for earlier boundaries: figures published
            # under it are stored against it, and it leads on to the current code.
            plan.areas.setdefault(former_code, values | {"start_date": None, "end_date": None})
            plan.successions[(former_code, code)] = None
    current = {a.registry_code: a.gss_code for a in files.authorities if a.gss_code}
    for name, registry_code in files.names:
        if registry_code in current and current[registry_code] in plan.areas and fold(name):
            plan.names.add((current[registry_code], fold(name)))


def _region(authority: Authority, by_registry: dict[str, Authority]) -> str:
    """The register's region; for a former council without one, its successor's; the nation's
    name outside England."""
    if authority.region:
        return authority.region
    for code in authority.replaced_by:
        successor = by_registry.get(code)
        if successor is not None and successor.region:
            return successor.region
    return authority.nation if authority.nation != "England" else ""


def _plan_wards(plan: _Plan, files: AreaFiles, report: AreaReport) -> None:
    # The latest lookup names a ward that two lookups list under the same code.
    latest_year = max((ward.year for ward in files.wards), default=0)
    for ward in sorted(files.wards, key=lambda ward: ward.year):
        district = plan.areas.get(ward.district_code)
        if district is None:
            where = f"ward lookup {ward.year} line {ward.line}"
            report.skipped.append((where, f"{ward.name}: no area {ward.district_code}"))
            continue
        plan.areas[ward.gss_code] = _fields(
            ward.name, L.WARD, district["nation"], district["region"]
        )
        plan.parents[ward.gss_code] = ward.district_code
        plan.names.add((ward.gss_code, fold(ward.name)))
    # A ward of an earlier lookup gone from the latest leads on to the latest's ward of the same
    # name in the same district (the lookups say no more: a renamed ward is left unlinked).
    latest = {
        (ward.district_code, fold(ward.name)): ward.gss_code
        for ward in files.wards
        if ward.year == latest_year
    }
    latest_codes = set(latest.values())
    for ward in files.wards:
        successor = latest.get((ward.district_code, fold(ward.name)))
        if ward.gss_code not in latest_codes and successor and ward.district_code in plan.areas:
            plan.successions[(ward.gss_code, successor)] = None


def _apply_areas(plan: _Plan, report: AreaReport) -> dict[str, Area]:
    existing = {area.gss_code: area for area in Area.objects.all()}
    new, changed = [], []
    for code, values in plan.areas.items():
        area = existing.get(code)
        if area is None:
            new.append(Area(gss_code=code, **values))
            continue
        wanted = {key: value for key, value in values.items() if key != "name_cy" or value}
        if all(getattr(area, key) == value for key, value in wanted.items()):
            report.unchanged += 1
            continue
        for key, value in wanted.items():
            setattr(area, key, value)
        changed.append(area)
    Area.objects.bulk_create(new, batch_size=500)
    Area.objects.bulk_update(changed, [*FIELDS, "name_cy"], batch_size=500)
    report.added, report.updated = len(new), len(changed)
    return {area.gss_code: area for area in Area.objects.all()}


def _apply_parents(plan: _Plan, areas: dict[str, Area]) -> None:
    changed = []
    for code, parent_code in plan.parents.items():
        area, parent = areas[code], areas.get(parent_code)
        if parent is not None and area.parent_id != parent.pk:
            area.parent = parent
            changed.append(area)
    Area.objects.bulk_update(changed, ["parent"], batch_size=500)


def _apply_names(plan: _Plan, areas: dict[str, Area]) -> int:
    existing = set(AreaName.objects.values_list("area_id", "folded"))
    wanted = {(areas[code].pk, folded) for code, folded in plan.names if folded}
    new = [AreaName(area_id=pk, folded=folded[:200]) for pk, folded in sorted(wanted - existing)]
    AreaName.objects.bulk_create(new, batch_size=1000)
    return len(new)


def _apply_successions(plan: _Plan, areas: dict[str, Area]) -> int:
    existing = set(Succession.objects.values_list("predecessor_id", "successor_id"))
    new = []
    for (before, after), when in sorted(plan.successions.items()):
        pair = (areas[before].pk, areas[after].pk)
        if pair not in existing:
            new.append(Succession(predecessor_id=pair[0], successor_id=pair[1], date=when))
            existing.add(pair)
    Succession.objects.bulk_create(new, batch_size=500)
    return len(new)


@dataclass
class LinkReport:
    """What `do_link_group_areas` did."""

    linked: int = 0
    already: int = 0
    # (group name, ONS code) of groups whose code names no area
    unknown: list[tuple[str, str]] = field(default_factory=list)


@transaction.atomic
def do_link_group_areas(
    *, acting_user: User | None, groups: Iterable[Group] | None = None
) -> LinkReport:
    """Link every group with an ONS code (or those given) to the area of that code, once; a code
    that names no area is reported. Run by `import_areas` after the areas are in."""
    report = LinkReport()
    chosen = Group.objects.exclude(ons_code="") if groups is None else groups
    chosen = [group for group in chosen if group.ons_code]
    areas = {
        area.gss_code: area
        for area in Area.objects.filter(gss_code__in={group.ons_code for group in chosen})
    }
    existing = set(GroupArea.objects.values_list("group_id", "area_id"))
    new = []
    for group in chosen:
        area = areas.get(group.ons_code)
        if area is None:
            report.unknown.append((group.name, group.ons_code))
        elif (group.pk, area.pk) in existing:
            report.already += 1
        else:
            new.append(GroupArea(group=group, area=area))
            record(
                actor=acting_user,
                verb="group.area_linked",
                target=group,
                group_id=group.pk,
                new={"area": area.gss_code},
            )
    GroupArea.objects.bulk_create(new, ignore_conflicts=True)
    for link in new:
        group_page_changed(link.group_id)  # its areas
    report.linked = len(new)
    return report

"""parlparse's members list (`all-members-*.xml`), and person ids joined from Popolo."""

import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from .model import Member


def parse_members(xml: bytes) -> tuple[Member, ...]:
    """Members from parlparse's `all-members-*.xml`, decoded by the encoding it declares."""
    root = ElementTree.fromstring(xml)
    return tuple(_member(element.attrib) for element in root.iter("member"))


def _member(attributes: dict[str, str]) -> Member:
    datadotparl = attributes.get("datadotparl_id")
    return Member(
        member_id=int(attributes["id"].rsplit("/", 1)[1]),
        person_id=None,
        datadotparl_id=int(datadotparl) if datadotparl else None,
        first_name=attributes["firstname"],
        last_name=attributes["lastname"],
        party=attributes["party"],
        constituency=attributes["constituency"],
        from_date=date.fromisoformat(attributes["fromdate"]),
        to_date=date.fromisoformat(attributes["todate"]),
        from_why=attributes["fromwhy"],
        to_why=attributes["towhy"],
        title=attributes.get("title", ""),
    )


def join_person_ids(
    members: Iterable[Member], popolo: Mapping[str, Any]
) -> tuple[tuple[Member, ...], tuple[Member, ...]]:
    """Members with their parlparse person id (EveryPolitician's `everypolitician_legacy`),
    joined by datadotparl_id, or where a member has none, by the seat and the spell's dates;
    then those left without one."""
    person_of_datadotparl, person_of_spell = _popolo_people(popolo)
    joined, unjoined = [], []
    for member in members:
        spell = (member.constituency, member.from_date, member.to_date)
        person = person_of_datadotparl.get(member.datadotparl_id or 0) or person_of_spell.get(spell)
        if person is None:
            unjoined.append(member)
        else:
            joined.append(replace(member, person_id=person))
    return tuple(joined), tuple(unjoined)


def _popolo_people(
    popolo: Mapping[str, Any],
) -> tuple[dict[int, int], dict[tuple[str, date, date], int]]:
    legacy, by_datadotparl = {}, {}
    for person in popolo["persons"]:
        schemes = {item["scheme"]: item["identifier"] for item in person.get("identifiers", [])}
        if "everypolitician_legacy" in schemes:
            legacy[person["id"]] = int(schemes["everypolitician_legacy"])
            if "datadotparl" in schemes:
                by_datadotparl[int(schemes["datadotparl"])] = legacy[person["id"]]
    area_name = {area["id"]: area["name"] for area in popolo["areas"]}
    # A membership leaves out its dates where they are those of its legislative period.
    period = {event["id"]: event for event in popolo.get("events", [])}
    by_spell = {}
    for membership in popolo["memberships"]:
        term = period.get(membership.get("legislative_period_id", ""), {})
        start = membership.get("start_date") or term.get("start_date")
        end = membership.get("end_date") or term.get("end_date")
        if membership["person_id"] in legacy and start and end:
            seat = area_name.get(membership.get("area_id", ""), "")
            spell = (seat, date.fromisoformat(start), date.fromisoformat(end))
            by_spell[spell] = legacy[membership["person_id"]]
    return by_datadotparl, by_spell


def read_members(path: Path) -> tuple[Member, ...]:
    return parse_members(path.read_bytes())

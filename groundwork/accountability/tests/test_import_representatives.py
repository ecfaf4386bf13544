"""Importing the real files into the register through the command and its action: what a person
running it would see (the report and its summary line) and what the register then holds."""

import csv
import io
import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from groundwork.accountability.actions import (
    CHANGED_AREA,
    NOT_LISTED,
    do_import_representatives,
)
from groundwork.accountability.importing import AreaInfo, BodyInfo, Register, Seat, SourceInfo
from groundwork.accountability.models import (
    Area,
    ContactDetail,
    Identifier,
    Membership,
    Person,
)
from groundwork.core.models import AuditEntry
from tests import testdata

pytestmark = pytest.mark.django_db

TRAFFORD = "E08000009"


def shared(relative: str) -> Path:
    return testdata.need(testdata.root() / "representatives" / relative)


POPOLO = "popolo_everypolitician_uk_commons/ep-popolo-v1.0.term-55.json"
YNMP = "ynmp_2015_winners/candidates_2015_elected_only.csv"
COUNCILLORS = "councillors_trafford/councillors.2024-05-23.csv"
LOOKUP_2022 = "lookups/gm_ward22_to_lad22_administrative_lookup.csv"
LOOKUP_2025 = "lookups/gm_ward25_to_lad25_administrative_lookup.csv"


def run(path: Path, format: str, *extra: str) -> list[str]:
    """The command's output lines (stdout); its progress goes to stderr."""
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import_representatives", str(path), "--format", format, *extra, stdout=out, stderr=err
    )
    assert "/" in err.getvalue()  # the progress indicator
    return out.getvalue().splitlines()


def import_council(path: Path, *, lookup: str = LOOKUP_2025, as_of: str = "2024-05-23", dry=False):
    extra = ["--council", TRAFFORD, "--lookup", str(shared(lookup)), "--as-of", as_of]
    return run(path, "council-csv", *extra, *(["--dry-run"] if dry else []))


def ward_of(membership: Membership) -> Area:
    assert membership.area is not None
    return membership.area


def council_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(shared(COUNCILLORS).open(newline="", encoding="utf-8")))


def write_council_file(folder: Path, rows: list[dict[str, str]]) -> Path:
    path = folder / "councillors.newer.csv"
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_importing_the_popolo_file_twice_adds_every_mp_once_and_then_changes_nothing():
    data = json.loads(shared(POPOLO).read_text(encoding="utf-8"))
    people = len({membership["person_id"] for membership in data["memberships"]})
    lines = run(shared(POPOLO), "popolo")
    assert (
        lines[-1] == "672 rows: 672 added, 0 updated, 0 unchanged, 0 skipped, 0 no longer serving"
    )
    assert Person.objects.count() == people == 669
    assert Membership.objects.count() == len(data["memberships"]) == 672
    assert Area.objects.filter(kind="constituency").count() == len(data["areas"]) == 650
    # By-elections and defections: a second membership for the area, the first one kept.
    by_area = Counter(membership["area_id"] for membership in data["memberships"])
    twice = sum(count == 2 for count in by_area.values())
    assert twice == 22
    assert Area.objects.annotate(seats=Count("memberships")).filter(seats=2).count() == twice
    barnsley = Membership.objects.filter(area__name="Barnsley Central").order_by("start_date")
    assert [(m.start_date, m.end_date) for m in barnsley] == [
        (date(2010, 5, 6), date(2011, 2, 8)),
        (date(2011, 3, 4), date(2015, 3, 30)),
    ]
    assert len({m.person_id for m in barnsley}) == 2
    before = list(Membership.objects.values_list("pk", "party", "start_date", "end_date"))
    lines = run(shared(POPOLO), "popolo")
    assert (
        lines[-1] == "672 rows: 0 added, 0 updated, 672 unchanged, 0 skipped, 0 no longer serving"
    )
    assert list(Membership.objects.values_list("pk", "party", "start_date", "end_date")) == before
    assert AuditEntry.objects.filter(verb="register.imported").count() == 2


def test_the_2015_winners_join_the_2010_mps_by_parlparse_id_and_areas_gain_gss_codes():
    run(shared(POPOLO), "popolo")
    lines = run(shared(YNMP), "ynmp")
    assert (
        lines[-1] == "650 rows: 650 added, 0 updated, 0 unchanged, 0 skipped, 0 no longer serving"
    )
    data = json.loads(shared(POPOLO).read_text(encoding="utf-8"))
    old_ids = {
        identifier["identifier"]
        for person in data["persons"]
        for identifier in person["identifiers"]
        if identifier["scheme"] == "everypolitician_legacy"
    }
    rows = list(csv.DictReader(shared(YNMP).open(newline="", encoding="utf-8")))
    new_ids = {row["parlparse_id"].rsplit("/", 1)[-1] for row in rows}
    assert Person.objects.count() == len(old_ids | new_ids) == 851
    assert Membership.objects.count() == 672 + 650
    # Every constituency is one area, with both its parlparse id and its GSS code.
    assert Area.objects.count() == 650
    assert not Area.objects.filter(gss_code="").exists()
    kinnock_seat = Membership.objects.get(person__name="Stephen Kinnock")
    assert ward_of(kinnock_seat).gss_code == "W07000049" and kinnock_seat.start_date == date(
        2015, 5, 7
    )
    osborne = Person.objects.get(name="George Osborne")
    assert osborne.memberships.count() == 2


def test_a_council_list_is_matched_to_the_ward_codes_of_its_lookup_year():
    lines = import_council(shared(COUNCILLORS))
    assert lines[-1] == "63 rows: 63 added, 0 updated, 0 unchanged, 0 skipped, 0 no longer serving"
    coggins = Membership.objects.get(person__name="Geraldine Coggins")
    assert (ward_of(coggins).name, ward_of(coggins).gss_code, ward_of(coggins).lookup_year) == (
        "Altrincham",
        "E05015239",
        2025,
    )
    assert coggins.start_date is None  # the list says who serves, not since when
    assert Area.objects.filter(kind="ward").count() == 21
    assert not ContactDetail.objects.filter(value="NA").exists()


def test_the_wrong_years_lookup_reports_every_skipped_row_with_its_reason():
    rows = council_rows()
    lines = import_council(shared(COUNCILLORS), lookup=LOOKUP_2022)
    skipped = [line for line in lines if line.startswith("skipped line ")]
    assert len(skipped) == 33
    assert (
        skipped[0]
        == "skipped line 20: ward 'Davyhulme' is not in the 2022 ward lookup of E08000009"
    )
    assert (
        lines[-1]
        == f"{len(rows)} rows: 30 added, 0 updated, 0 unchanged, 33 skipped, 0 no longer serving"
    )
    assert ward_of(Membership.objects.get(person__name="Geraldine Coggins")).gss_code == "E05000819"


def test_a_dry_run_reports_the_same_and_changes_nothing():
    lines = import_council(shared(COUNCILLORS), dry=True)
    assert lines[-2:] == [
        "dry run: nothing was changed",
        "63 rows: 63 added, 0 updated, 0 unchanged, 0 skipped, 0 no longer serving",
    ]
    assert Person.objects.count() == 0 and not AuditEntry.objects.exists()


def test_a_newer_council_list_applies_what_changed_and_keeps_the_history(tmp_path):
    import_council(shared(COUNCILLORS))
    rows = council_rows()
    by_name = {row["Name"]: row for row in rows}
    by_name["Councillor Geraldine Coggins"]["Party"] = "Independent"
    by_name["Councillor Shona Gilbert"]["Email"] = "shona.gilbert@example.org"
    rows.remove(by_name["Councillor Tony O'Brien"])
    rows.append(
        by_name["Councillor Lisa Hancock"]
        | {"Name": "Councillor Siân Ní Bhriain", "Page": "https://x/mgUserInfo.aspx?UID=99999"}
    )
    newer = write_council_file(tmp_path, rows)
    lines = import_council(newer, as_of="2025-05-10")
    assert lines[-1] == "63 rows: 1 added, 2 updated, 60 unchanged, 0 skipped, 1 no longer serving"

    coggins = list(Membership.objects.filter(person__name="Geraldine Coggins").order_by("id"))
    assert [(m.party, m.start_date, m.end_date, m.end_reason) for m in coggins] == [
        ("Green Party", None, date(2025, 5, 10), "changed party"),
        ("Independent", date(2025, 5, 10), None, ""),
    ]
    obrien = Membership.objects.get(person__name="Tony O'Brien")
    assert obrien.end_date == date(2025, 5, 10) and obrien.end_reason  # kept, no longer serving
    newcomer = Membership.objects.get(person__name="Siân Ní Bhriain")
    assert newcomer.start_date == date(2025, 5, 10) and newcomer.end_date is None
    assert ContactDetail.objects.get(person__name="Shona Gilbert", kind="email").value == (
        "shona.gilbert@example.org"
    )
    assert Person.objects.count() == 64

    again = import_council(newer, as_of="2025-05-11")
    assert again[-1] == "63 rows: 0 added, 0 updated, 63 unchanged, 0 skipped, 0 no longer serving"
    assert Membership.objects.count() == 65


def test_a_councillor_whose_row_is_skipped_is_not_taken_for_one_who_left():
    import_council(shared(COUNCILLORS))
    lines = import_council(shared(COUNCILLORS), lookup=LOOKUP_2022, as_of="2025-01-01")
    # The 30 whose ward is in the older lookup move to its ward codes; the 33 others are skipped,
    # and still serve.
    assert lines[-1] == "63 rows: 0 added, 30 updated, 0 unchanged, 33 skipped, 0 no longer serving"
    assert not Membership.objects.filter(end_reason=NOT_LISTED).exists()
    assert Membership.objects.filter(end_date__isnull=True).count() == 63
    moved = Membership.objects.filter(end_reason=CHANGED_AREA)
    assert moved.count() == 30 and {ward_of(m).lookup_year for m in moved} == {2025}


def test_the_command_says_what_is_wrong_with_its_input(tmp_path):
    with pytest.raises(CommandError, match="--council GSS and --lookup FILE"):
        call_command("import_representatives", str(shared(COUNCILLORS)), "--format", "council-csv")
    with pytest.raises(CommandError, match="Not a YourNextMP candidates file"):
        call_command("import_representatives", str(shared(COUNCILLORS)), "--format", "ynmp")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_representatives", str(tmp_path / "nothing.json"), "--format", "popolo")
    assert not Person.objects.exists()


def test_the_yournextmp_file_twice_changes_nothing_the_second_time():
    run(shared(YNMP), "ynmp")
    lines = run(shared(YNMP), "ynmp")
    assert (
        lines[-1] == "650 rows: 0 added, 0 updated, 650 unchanged, 0 skipped, 0 no longer serving"
    )
    rows = list(csv.DictReader(shared(YNMP).open(newline="", encoding="utf-8")))
    published = sum(
        bool(row[column].strip()) for row in rows for column in ("email", "homepage_url")
    )
    assert Membership.objects.count() == 650 and ContactDetail.objects.count() == published


def test_a_row_whose_ids_belong_to_two_people_is_skipped_with_its_reason():
    commons = BodyInfo(kind="commons", name="House of Commons", slug="house-of-commons")
    source = SourceInfo(slug="test", title="Test")

    def seat(line: int, name: str, identifiers: dict[str, str]) -> Seat:
        area = AreaInfo(kind="constituency", name="Tatton", gss_code="E14000997")
        return Seat(line=line, name=name, identifiers=identifiers, area=area, party="Labour")

    first = Register(commons, source, seats=[seat(2, "A", {"parlparse": "1"})])
    do_import_representatives(first, as_of=date(2015, 1, 1), acting_user=None)
    second = Register(commons, source, seats=[seat(2, "B", {"parlparse": "2"})])
    do_import_representatives(second, as_of=date(2015, 1, 1), acting_user=None)
    clash = Register(commons, source, seats=[seat(9, "Who", {"parlparse": "1", "ynmp": "x"})])
    Identifier.objects.create(person=Person.objects.get(name="B"), scheme="ynmp", value="x")
    report = do_import_representatives(clash, as_of=date(2015, 1, 1), acting_user=None)
    assert report.summary().startswith("1 rows: 0 added, 0 updated, 0 unchanged, 1 skipped")
    assert report.skipped[0].line == 9
    assert report.skipped[0].reason == (
        "its ids belong to 2 different people in the register: parlparse 1, ynmp x"
    )

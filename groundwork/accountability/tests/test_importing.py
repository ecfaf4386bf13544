"""The parsers of published files of representatives, on the real files and on the traps they
hold, with no database. Each figure is checked against the file read independently here."""

import csv
import io
import json
from datetime import date

import pytest

from groundwork.accountability.importing import FormatError, council_csv, popolo, ward_lookup, ynmp
from groundwork.accountability.importing.csvfile import records
from tests import testdata

REPRESENTATIVES = "representatives"
TRAFFORD = "E08000009"


def shared(relative: str) -> str:
    path = testdata.need(testdata.root() / REPRESENTATIVES / relative)
    return path.read_bytes().decode("utf-8")


POPOLO = "popolo_everypolitician_uk_commons/ep-popolo-v1.0.term-55.json"
YNMP = "ynmp_2015_winners/candidates_2015_elected_only.csv"
COUNCILLORS = "councillors_trafford/councillors.2024-05-23.csv"
LOOKUP_2022 = "lookups/gm_ward22_to_lad22_administrative_lookup.csv"
LOOKUP_2025 = "lookups/gm_ward25_to_lad25_administrative_lookup.csv"


def lookup(relative: str) -> ward_lookup.WardLookup:
    return ward_lookup.parse(shared(relative), authority=TRAFFORD)


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


# --- Popolo -------------------------------------------------------------------------------------


def test_popolo_gives_one_seat_per_membership_of_the_term():
    text = shared(POPOLO)
    data = json.loads(text)
    register = popolo.parse(text)
    assert len(register.seats) == len(data["memberships"]) == 672
    assert register.skipped == []
    people = {seat.identifiers["everypolitician"] for seat in register.seats}
    assert len(people) == len({m["person_id"] for m in data["memberships"]}) == 669


def test_popolo_seats_carry_the_parlparse_and_datadotparl_ids():
    register = popolo.parse(shared(POPOLO))
    osborne = next(seat for seat in register.seats if seat.name == "George Osborne")
    assert osborne.identifiers["parlparse"] == "11145"  # everypolitician_legacy
    assert osborne.identifiers["datadotparl"] == "1458"
    assert osborne.area is not None and osborne.area.parlparse_id == "uk.org.publicwhip/cons/572"
    assert osborne.contacts["email"] == "george.osborne.mp@parliament.uk"


def test_popolo_dates_default_to_the_term_and_a_defection_is_two_seats():
    register = popolo.parse(shared(POPOLO))
    reckless = sorted(
        (seat for seat in register.seats if seat.name == "Mark Reckless"),
        key=lambda seat: seat.start_date or date.min,
    )
    assert [(s.party, s.start_date, s.end_date) for s in reckless] == [
        ("Conservative", date(2010, 5, 6), date(2014, 9, 30)),
        ("UKIP", date(2014, 11, 21), date(2015, 3, 30)),
    ]
    assert reckless[1].end_reason == popolo.END_OF_TERM and reckless[0].end_reason == ""


def test_popolo_keeps_accents_in_names_and_parties():
    register = popolo.parse(shared(POPOLO))
    assert "Siân James" in {seat.name for seat in register.seats}
    assert "Sinn Féin" in {seat.party for seat in register.seats}


def test_popolo_reports_a_membership_of_an_unknown_person():
    text = json.dumps(
        {
            "persons": [],
            "organizations": [],
            "memberships": [{"person_id": "nobody", "area_id": "a"}],
        }
    )
    register = popolo.parse(text)
    assert register.seats == [] and "absent" in register.skipped[0].reason


def test_popolo_refuses_a_file_of_another_shape():
    with pytest.raises(FormatError):
        popolo.parse('{"results": []}')
    with pytest.raises(FormatError):
        popolo.parse("not json")


# --- YourNextMP ---------------------------------------------------------------------------------


def test_ynmp_reads_every_winner_despite_crlf_and_newlines_in_quoted_fields():
    text = shared(YNMP)
    assert "\r\n" in text
    rows = csv_rows(text)
    assert sum("\n" in row["image_uploading_user_notes"] for row in rows) == 161
    register = ynmp.parse(text)
    assert len(register.seats) == sum(row["elected"] == "True" for row in rows) == 650
    assert register.skipped == []
    by_gss = {seat.area.gss_code for seat in register.seats if seat.area}
    assert len(by_gss) == 650 and sum(code.startswith("S14") for code in by_gss) == 59


def test_ynmp_line_numbers_count_the_newlines_inside_records():
    text = shared(YNMP)
    register = ynmp.parse(text)
    last = register.seats[-1]
    assert last.line > 651  # 650 records and a header, lengthened by embedded newlines
    assert text.splitlines()[last.line - 1].startswith(last.name)


def test_ynmp_takes_the_parlparse_person_id_and_the_2015_election_date():
    register = ynmp.parse(shared(YNMP))
    kinnock = register.seats[0]
    assert kinnock.name == "Stephen Kinnock"
    assert kinnock.identifiers == {"ynmp": "4252", "parlparse": "25297"}
    assert kinnock.area is not None and kinnock.area.gss_code == "W07000049"
    assert kinnock.start_date == date(2015, 5, 7)


def test_ynmp_skips_losers_and_rows_without_a_gss_code_saying_why():
    header = "name,id,party,constituency,gss_code,parlparse_id,elected,email\r\n"
    text = (
        header
        + 'A Winner,1,Green Party,"Brighton, Pavilion",E14000598,,True,NA\r\n'
        + "A Loser,2,Labour Party,Somewhere,E14000001,,False,\r\n"
        + "No Code,3,Labour Party,Somewhere,,,True,\r\n"
    )
    register = ynmp.parse(text)
    assert [seat.name for seat in register.seats] == ["A Winner"]
    assert register.seats[0].area is not None
    assert register.seats[0].area.name == "Brighton, Pavilion"
    assert register.seats[0].contacts == {}  # NA is no email
    assert [(s.line, s.reason) for s in register.skipped] == [
        (3, "not elected"),
        (4, "no GSS code for the constituency 'Somewhere'"),
    ]


def test_ynmp_refuses_a_file_without_its_columns():
    with pytest.raises(FormatError, match="parlparse_id"):
        ynmp.parse("name,id,party\nX,1,Y\n")


# --- ward lookups and a council's list ----------------------------------------------------------


def test_the_ward_lookups_of_2022_and_2025_give_altrincham_different_codes():
    old = ward_lookup.parse(shared(LOOKUP_2022), authority=TRAFFORD)
    new = ward_lookup.parse(shared(LOOKUP_2025), authority=TRAFFORD)
    assert (old.year, new.year) == (2022, 2025)
    assert len(old.wards) == len(new.wards) == 21
    assert old.find("Altrincham") == ward_lookup.Ward("E05000819", "Altrincham")
    assert new.find("altrincham") == ward_lookup.Ward("E05015239", "Altrincham")
    assert new.find("Gorse Hill and Cornbrook") is not None and old.find("Gorse Hill") is not None


def test_a_lookup_without_the_council_is_refused():
    with pytest.raises(FormatError, match="E09999999"):
        ward_lookup.parse(shared(LOOKUP_2025), authority="E09999999")


def test_the_council_list_matched_with_its_own_years_lookup_has_every_ward():
    text = shared(COUNCILLORS)
    rows = csv_rows(text)
    lookup = ward_lookup.parse(shared(LOOKUP_2025), authority=TRAFFORD)
    register = council_csv.parse(text, lookup=lookup)
    assert len(register.seats) == len(rows) == 63 and register.skipped == []
    assert {seat.area.gss_code for seat in register.seats if seat.area} == {
        ward.gss_code for ward in lookup.wards
    }
    assert register.complete_roster and register.body.gss_code == TRAFFORD


def test_the_council_list_with_an_older_lookup_skips_each_renamed_ward_with_its_reason():
    text = shared(COUNCILLORS)
    old_names = {ward.name for ward in lookup(LOOKUP_2022).wards}
    expected_skips = [row for row in csv_rows(text) if row["Ward"] not in old_names]
    register = council_csv.parse(text, lookup=lookup(LOOKUP_2022))
    assert len(register.skipped) == len(expected_skips) == 33
    assert len(register.seats) == 30
    assert all("2022 ward lookup" in skipped.reason for skipped in register.skipped)
    assert all(skipped.identifiers for skipped in register.skipped)
    assert register.skipped[0].reason == (
        "ward 'Davyhulme' is not in the 2022 ward lookup of E08000009"
    )


def test_the_council_list_takes_titles_off_names_and_na_off_emails():
    text = shared(COUNCILLORS)
    na_rows = [row for row in csv_rows(text) if row["Email"] == "NA"]
    assert len(na_rows) == 4
    register = council_csv.parse(text, lookup=lookup(LOOKUP_2025))
    by_name = {seat.name: seat for seat in register.seats}
    assert "Joanne Bennett" in by_name and "Judith Ann Lloyd" in by_name
    assert "Dolores O'Sullivan" in by_name
    hancock = by_name["Lisa Hancock"]
    assert "email" not in hancock.contacts and "phone" not in hancock.contacts
    assert hancock.identifiers == {"council:E08000009": "13304"}
    assert sum("email" not in seat.contacts for seat in register.seats) == len(na_rows)


def test_a_record_may_hold_a_newline_and_end_with_crlf():
    text = 'Name,Party,Ward\r\n"Councillor A\r\nB",Labour,Hale\r\n\r\nCllr C,Green,Hale\r\n'
    assert [(line, record["Name"]) for line, record in records(text)] == [
        (2, "Councillor A\r\nB"),
        (5, "Cllr C"),
    ]
    lookup = ward_lookup.WardLookup(2025, TRAFFORD, "Trafford", (ward_lookup.Ward("X", "Hale"),))
    register = council_csv.parse(text, lookup=lookup)
    assert [seat.name for seat in register.seats] == ["A B", "C"]

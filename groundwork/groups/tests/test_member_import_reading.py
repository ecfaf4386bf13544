"""Reading members' lists without a database: every real export in the shared test data keeps
each good row and reports each bad one (the numbers below were counted by hand from the files),
and the header sets of the tools whose sample holds no rows are read with rows written under
their real header."""

import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from groundwork.groups.member_import import (
    Problem,
    Row,
    Source,
    detect_mapping,
    open_text,
    read_header,
    read_rows,
    sort_batch,
    sort_rows,
)
from tests.testdata import need, root


def data(name: str) -> Path:
    return need(root() / "member_import" / name)


def read(binary: io.BufferedIOBase | io.BytesIO, *, members=()):
    text = open_text(binary)
    header = read_header([text.readline()])
    text.seek(0)
    mapping = detect_mapping(header)
    return mapping, sort_rows(read_rows(text, mapping), members=members)


def read_file(name: str, **kwargs):
    with data(name).open("rb") as binary:
        return read(binary, **kwargs)


def read_bytes(content: bytes, **kwargs):
    return read(io.BytesIO(content), **kwargs)


# file: (source, [(row, email, name) kept], [(row, problem) set aside]), counted by hand.
REAL_FILES = {
    "dsa_actionkit_bostondsa/samples_actionkit_export.csv": (
        Source.ACTIONKIT,
        [(2, "kmarx@example.com", "Karl Marx")],
        [],
    ),
    "dsa_actionkit_bostondsa/tests_data_01current.csv": (
        Source.ACTIONKIT,
        [(2, "jane.doe@example.com", "Jane Doe"), (3, "jack.doe@example.com", "Jack Doe")],
        [],
    ),
    "dsa_actionkit_bostondsa/tests_data_01previous.csv": (
        Source.ACTIONKIT,
        [(2, "john.doe@example.com", "John Doe"), (3, "jane.doe@example.com", "Jane Doe")],
        [],
    ),
    "dsa_actionkit_bostondsa/tests_data_02current.csv": (
        Source.ACTIONKIT,
        [(2, "jane.doe@example.com", "Jane Doe")],
        [(3, Problem.NO_EMAIL)],
    ),
    "dsa_actionkit_bostondsa/tests_data_02previous.csv": (
        Source.ACTIONKIT,
        [(3, "jane.doe@example.com", "Jane Doe")],
        [(2, Problem.NO_EMAIL)],
    ),
}

HEADER_FILES = {
    "headers/action_network_report_export_columns_compiled.csv": (
        Source.ACTION_NETWORK,
        {"email": "email", "first_name": "first_name", "last_name": "last_name", "name": None},
    ),
    "headers/nationbuilder_people_export_columns_compiled.csv": (
        Source.NATIONBUILDER,
        {"email": "email", "first_name": "first_name", "last_name": "last_name", "name": None},
    ),
    "headers/civicrm_contact_export_default_headers.csv": (
        Source.CIVICRM,
        {
            "email": "Email",
            "first_name": "First Name",
            "last_name": "Last Name",
            "name": "Display Name",
        },
    ),
    "headers/civicrm_membership_export_headers.csv": (
        Source.CIVICRM,
        {
            "email": "Email",
            "first_name": "First Name",
            "last_name": "Last Name",
            "name": "Display Name",
        },
    ),
}


@pytest.mark.parametrize("name", REAL_FILES)
def test_every_good_row_of_a_real_export_is_kept_and_every_bad_one_reported(name):
    source, kept, set_aside = REAL_FILES[name]
    mapping, batch = read_file(name)
    assert mapping.source == source
    assert [(row.number, row.email, row.name) for row in batch.good] == kept
    assert [(aside.number, aside.problem) for aside in batch.set_aside] == set_aside


def test_the_byte_order_mark_of_actionkits_export_is_not_part_of_the_first_column():
    with data("dsa_actionkit_bostondsa/tests_data_01current.csv").open("rb") as binary:
        assert read_header([open_text(binary).readline()])[0] == "ak_id"


@pytest.mark.parametrize("name", HEADER_FILES)
def test_each_tools_header_is_recognised_with_its_columns(name):
    source, columns = HEADER_FILES[name]
    mapping, batch = read_file(name)
    with data(name).open("rb") as binary:
        header = read_header([open_text(binary).readline()])
    assert mapping.source == source
    named = {
        field: (header[index] if index is not None else None)
        for field, index in mapping.columns.items()
    }
    assert named == columns
    assert batch.good == [] and batch.set_aside == []


def rows_under(name: str, rows: list[dict[str, str]]) -> bytes:
    """A file with the real header of `name` and these rows (other columns left empty)."""
    with data(name).open("rb") as binary:
        header = read_header([open_text(binary).readline()])
    out = io.StringIO()
    import csv

    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    return out.getvalue().encode()


PEOPLE = [
    {"email": "ann@example.org", "first": "Ann", "last": "Lee"},  # row 2, kept
    {"email": "", "first": "No", "last": "Email"},  # row 3, no email
    {"email": "not-an-address", "first": "Bad", "last": "Email"},  # row 4, invalid
    {"email": "ANN@Example.org", "first": "Ann", "last": "Again"},  # row 5, duplicate
    {"email": "  bo@example.org ", "first": "Bo", "last": ""},  # row 6, kept
]
EXPECTED_KEPT = [(2, "ann@example.org", "Ann Lee"), (6, "bo@example.org", "Bo")]
EXPECTED_ASIDE = [(3, Problem.NO_EMAIL), (4, Problem.INVALID_EMAIL), (5, Problem.DUPLICATE_IN_FILE)]

COLUMNS = {
    "headers/action_network_report_export_columns_compiled.csv": (
        "email",
        "first_name",
        "last_name",
    ),
    "headers/nationbuilder_people_export_columns_compiled.csv": (
        "email",
        "first_name",
        "last_name",
    ),
    "headers/civicrm_contact_export_default_headers.csv": ("Email", "First Name", "Last Name"),
    "headers/civicrm_membership_export_headers.csv": ("Email", "First Name", "Last Name"),
}


@pytest.mark.parametrize("name", COLUMNS)
def test_rows_under_each_tools_real_header_are_sorted(name):
    email, first, last = COLUMNS[name]
    content = rows_under(
        name, [{email: p["email"], first: p["first"], last: p["last"]} for p in PEOPLE]
    )
    _mapping, batch = read_bytes(content)
    assert [(row.number, row.email, row.name) for row in batch.good] == EXPECTED_KEPT
    assert [(aside.number, aside.problem) for aside in batch.set_aside] == EXPECTED_ASIDE


def test_nationbuilders_apostrophe_for_excel_is_not_part_of_the_value():
    name = "headers/nationbuilder_people_export_columns_compiled.csv"
    content = rows_under(name, [{"email": "'cy@example.org", "first_name": "'Cy"}])
    _mapping, batch = read_bytes(content)
    assert [(row.email, row.name) for row in batch.good] == [("cy@example.org", "Cy")]


def test_a_spreadsheet_saved_by_european_excel_is_read_by_its_usual_column_names():
    content = "Full name;E-mail address;Notes\r\nZoë Brontë;zoe@example.org;x\r\n".encode("cp1252")
    mapping, batch = read_bytes(content)
    assert mapping.source == Source.SPREADSHEET
    assert mapping.columns == {"email": 1, "first_name": None, "last_name": None, "name": 0}
    assert [(row.email, row.name) for row in batch.good] == [("zoe@example.org", "Zoë Brontë")]


def test_blank_lines_are_no_one_and_a_row_shorter_than_the_header_is_read():
    content = b"email,first name,surname\n\n,,\nshort@example.org\n"
    mapping, batch = read_bytes(content)
    assert mapping.columns["last_name"] == 2
    assert [(row.number, row.email, row.name) for row in batch.good] == [
        (4, "short@example.org", "")
    ]
    assert batch.set_aside == []


def test_a_member_already_in_the_group_is_set_aside_whatever_the_case_of_their_email():
    content = b"email,name\nBob@Example.org,Bob\nnew@example.org,New\n"
    _mapping, batch = read_bytes(content, members={"bob@example.org"})
    assert [row.email for row in batch.good] == ["new@example.org"]
    assert [(aside.number, aside.problem) for aside in batch.set_aside] == [
        (2, Problem.ALREADY_MEMBER)
    ]


def test_an_email_seen_in_an_earlier_batch_is_a_duplicate():
    rows = [
        Row(10, "a@example.org", "a@example.org", ""),
        Row(11, "b@example.org", "b@example.org", ""),
    ]
    batch = sort_batch(rows, seen={"a@example.org"})
    assert [row.number for row in batch.good] == [11]
    assert [(aside.number, aside.problem) for aside in batch.set_aside] == [
        (10, Problem.DUPLICATE_IN_FILE)
    ]
    assert batch.seen == {"b@example.org"}


emails = st.sampled_from(["a@example.org", "A@example.org", "b@example.org", "", "nope", "c@x.org"])


@given(st.lists(emails, max_size=30), st.sets(st.sampled_from(["a@example.org", "c@x.org"])))
def test_each_row_is_kept_or_set_aside_once_and_no_email_is_kept_twice(written, members):
    rows = [Row(number, email, email.lower(), "") for number, email in enumerate(written, 2)]
    batch = sort_batch(rows, members=members)
    numbers = [row.number for row in batch.good] + [aside.number for aside in batch.set_aside]
    assert sorted(numbers) == [row.number for row in rows]
    kept = [row.email for row in batch.good]
    assert len(kept) == len(set(kept))
    assert not set(kept) & members

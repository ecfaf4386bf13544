import csv
import io

import pytest

from groundwork.core.csv import csv_lines, safe_cell


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("-2.5", "-2.5"),
        ("-7", "-7"),
        ("-2.5e3", "'-2.5e3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Alice", "Alice"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (42, "42"),
    ],
)
def test_a_cell_that_would_start_a_formula_is_neutralised(value, expected):
    assert safe_cell(value) == expected


def test_the_file_reads_back_with_every_dangerous_cell_as_text():
    text = "".join(
        csv_lines(["name", "note"], [["=cmd|' /C calc'!A0", "fine"], ["Bob, Jr.", '-"x"']])
    )
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["name", "note"], ["'=cmd|' /C calc'!A0", "fine"], ["Bob, Jr.", '\'-"x"']]


def test_streaming_gives_one_whole_line_per_row_after_the_header():
    rows = [["@a", "b"], ["c", "+d"]]
    assert list(csv_lines(["x", "y"], rows)) == ["x,y\r\n", "'@a,b\r\n", "c,'+d\r\n"]

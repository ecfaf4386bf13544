"""Reading the ONS Postcode Directory as published: the three real samples, whose column names
differ by release, each mapped explicitly; an unknown header is refused with what it lacks."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from groundwork.accountability.importing import FormatError, Skipped
from groundwork.accountability.importing.onspd import RELEASES, PostcodeRow, read, release_of
from tests import testdata


def sample(release: str) -> Path:
    return testdata.need(
        testdata.root()
        / "representatives"
        / "lookups"
        / f"dc_uk-geo-utils_onspd_{release}_test.csv"
    )


def rows_of(release: str) -> tuple[str, list[PostcodeRow], list[Skipped]]:
    with sample(release).open(encoding="utf-8-sig", newline="") as lines:
        directory = read(lines)
        rows = list(directory.rows)
    found = [row for row in rows if isinstance(row, PostcodeRow)]
    return directory.release.name, found, [row for row in rows if isinstance(row, Skipped)]


def test_may_2018_reads_osward_oslaua_and_the_2010_constituencies():
    release, rows, skipped = rows_of("may2018")
    assert "May 2018" in release
    assert [row.postcode for row in rows] == ["AL1 1AA", "AL1 1AB"]
    first = rows[0]
    assert (first.district, first.ward_gss, first.authority_gss) == (
        "AL1",
        "E05004803",
        "E07000240",
    )
    assert first.constituency_gss == "E14000960"  # St Albans, 2010 boundaries
    assert first.country_gss == "E92000001"
    assert (first.latitude, first.longitude) == (Decimal("51.749084"), Decimal("-0.341337"))
    assert (first.introduced, first.terminated) == (date(1990, 2, 1), date(1994, 5, 1))
    assert rows[1].ward_gss == "E05004785"


def test_august_2024_reads_the_same_columns_with_new_wards_and_2024_constituencies():
    release, rows, _skipped = rows_of("aug2024")
    assert "August 2024" in release
    assert [(row.postcode, row.ward_gss, row.constituency_gss) for row in rows] == [
        ("AL1 1AA", "E05013966", "E14001507"),
        ("AL1 1AB", "E05013956", "E14001507"),
    ]


def test_november_2025_reads_the_year_coded_columns():
    release, rows, _skipped = rows_of("nov2025")
    assert "November 2025" in release
    assert [row.postcode for row in rows] == ["AB1 0AA", "AB1 0AB", "AB1 0AD"]
    first = rows[0]
    assert (first.ward_gss, first.authority_gss) == ("S13002843", "S12000033")  # wd25cd, lad25cd
    assert first.constituency_gss == "S14000061"  # pcon24cd
    assert first.country_gss == "S92000003"  # ctry25cd
    assert first.terminated == date(1996, 6, 1)


@pytest.mark.parametrize(("release", "lines"), [("may2018", [4, 5]), ("nov2025", [5])])
def test_isle_of_man_rows_with_pseudo_codes_only_are_skipped_with_the_reason(release, lines):
    _name, _rows, skipped = rows_of(release)
    assert [row.line for row in skipped] == lines
    assert all("IM1" in row.reason and "Isle of Man" in row.reason for row in skipped)


def test_each_sample_fits_one_release_and_the_releases_differ_where_the_files_do():
    headers = {}
    for name in ("may2018", "aug2024", "nov2025"):
        with sample(name).open(encoding="utf-8-sig") as file:
            headers[name] = file.readline().strip().split(",")
    assert [release_of(headers[name]) for name in headers] == list(RELEASES)
    assert "osward" in headers["aug2024"] and "wd25cd" in headers["nov2025"]
    assert "pcd" in headers["may2018"] and "pcd" not in headers["nov2025"]
    assert {"ccg", "nuts"} <= set(headers["may2018"]) and not {"ccg", "nuts"} & set(
        headers["aug2024"]
    )


def test_an_unknown_header_is_refused_naming_the_missing_columns():
    header = "pcd7,pcd8,pcds,dointr,doterm,lad26cd,wd26cd,pcon24cd,ctry25cd,lat,long"
    with pytest.raises(FormatError) as error:
        read([header + "\n"])
    message = str(error.value)
    assert "November 2025" in message and "wd25cd" in message and "lad25cd" in message
    assert "pcds" not in message.split("missing:")[1]


def test_bad_values_are_skipped_with_reasons_and_good_rows_kept():
    header = "pcd7,pcd8,pcds,dointr,doterm,lad25cd,wd25cd,pcon24cd,ctry25cd,lat,long\n"
    lines = [
        header,
        '"AB1 0AA","AB1  0AA","AB1 0AA","198001","","S12000033","S13002843","S14000061",'
        '"S92000003",57.101459,-2.242858\n',
        '"XX","XX","XX","198001","","S12000033","S13002843","S14000061","S92000003",57.1,-2.2\n',
        '"AB1 0AB","AB1  0AB","AB1 0AB","1980","","S12000033","S13002843","S14000061",'
        '"S92000003",57.1,-2.2\n',
        '"AB1 0AD","AB1  0AD","AB1 0AD","198001","","Aberdeen","S13002843","S14000061",'
        '"S92000003",57.1,-2.2\n',
        "\n",
        '"AB1 0AE","AB1  0AE","ab10ae","198001","","S12000033","S13002843","S14000061",'
        '"S92000003",99.999999,0.000000\n',
    ]
    rows = list(read(lines).rows)
    assert [getattr(row, "postcode", None) for row in rows] == [
        "AB1 0AA",
        None,
        None,
        None,
        "AB1 0AE",
    ]
    reasons = [row.reason for row in rows if isinstance(row, Skipped)]
    assert reasons == [
        "not a postcode: 'XX'",
        "AB1 0AB: '1980' is not a month (YYYYMM)",
        "AB1 0AD: 'Aberdeen' is not a GSS code",
    ]
    assert [row.line for row in rows if isinstance(row, Skipped)] == [3, 4, 5]
    last = rows[-1]
    assert isinstance(last, PostcodeRow) and last.line == 7
    assert (last.latitude, last.longitude) == (None, None)  # no grid reference

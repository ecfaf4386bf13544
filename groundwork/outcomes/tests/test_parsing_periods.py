"""Period labels, area names and cells: the pieces every format's parser shares."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from groundwork.outcomes.parsing.cells import read_cell, slugify
from groundwork.outcomes.parsing.detect import decode
from groundwork.outcomes.parsing.names import fold, split_bilingual
from groundwork.outcomes.parsing.periods import parse_period


@pytest.mark.parametrize(
    ("written", "label", "start", "end"),
    [
        ("2021/22", "2021/22", date(2021, 4, 1), date(2022, 3, 31)),
        ("2019-20", "2019/20", date(2019, 4, 1), date(2020, 3, 31)),
        ("2020/2021", "2020/21", date(2020, 4, 1), date(2021, 3, 31)),
        ("1999/00", "1999/00", date(1999, 4, 1), date(2000, 3, 31)),
        ("2019", "2019", date(2019, 1, 1), date(2019, 12, 31)),
        ("2018 - 20", "2018 - 20", date(2018, 1, 1), date(2020, 12, 31)),
        ("2017-2019", "2017 - 19", date(2017, 1, 1), date(2019, 12, 31)),
        ("2021 May", "May 2021", date(2021, 5, 1), date(2021, 5, 31)),
        ("Apr 2020-Mar 2021", "Apr 2020-Mar 2021", date(2020, 4, 1), date(2021, 3, 31)),
        ("04/2020-03/2021", "Apr 2020-Mar 2021", date(2020, 4, 1), date(2021, 3, 31)),
        ("09/2020 - 08/2021", "Sep 2020-Aug 2021", date(2020, 9, 1), date(2021, 8, 31)),
        ("04/2020 - 12/2020", "Apr 2020-Dec 2020", date(2020, 4, 1), date(2020, 12, 31)),
        ("February 2024", "Feb 2024", date(2024, 2, 1), date(2024, 2, 29)),
    ],
)
def test_a_period_label_is_written_one_way_with_its_first_and_last_days(
    written: str, label: str, start: date, end: date
) -> None:
    period = parse_period(written)
    assert (period.label, period.start, period.end, period.provisional) == (
        label,
        start,
        end,
        False,
    )


@pytest.mark.parametrize("written", ["2021/22 (p)", "2021/22 (P)", "2021/22 Provisional"])
def test_a_provisional_mark_leaves_the_label_so_the_final_release_revises_it(written: str) -> None:
    period = parse_period(written)
    assert period.label == "2021/22"
    assert period.provisional
    assert not parse_period("2021/22 (r)").provisional
    assert parse_period("2021/22 (r)").label == "2021/22"


@pytest.mark.parametrize(
    "written", ["", "Total", "2021/23", "13/2020-01/2021", "Mar 2021-Jan 2021"]
)
def test_a_label_that_names_no_period_is_refused_with_the_label_quoted(written: str) -> None:
    with pytest.raises(ValueError, match="not a period"):
        parse_period(written)


@given(st.integers(1900, 2098), st.sampled_from(["/", "-"]))
def test_every_financial_year_reads_back_from_its_own_label(year: int, separator: str) -> None:
    period = parse_period(f"{year}{separator}{(year + 1) % 100:02d}")
    assert (period.start, period.end) == (date(year, 4, 1), date(year + 1, 3, 31))
    assert parse_period(period.label) == period


@given(st.integers(1900, 2090), st.integers(2, 5))
def test_every_range_of_years_reads_back_from_its_own_label(year: int, length: int) -> None:
    period = parse_period(f"{year} - {(year + length) % 100:02d}")
    assert (period.start, period.end) == (date(year, 1, 1), date(year + length, 12, 31))
    assert parse_period(period.label) == period


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Stockton-on-Tees", "STOCKTON ON TEES"),
        ("Brighton & Hove", "Brighton and Hove"),
        ("King's Lynn and West Norfolk", "Kings Lynn and West Norfolk"),
        ("St. Helens", "St Helens"),
        ("Ynys Môn", "Ynys Mon"),
        ("  Bournemouth,  Christchurch and Poole ", "Bournemouth Christchurch and Poole"),
    ],
)
def test_names_written_differently_fold_alike(one: str, other: str) -> None:
    assert fold(one) == fold(other)


def test_different_names_stay_different_when_folded() -> None:
    assert fold("Newcastle upon Tyne") != fold("Newcastle-under-Lyme")


def test_a_bilingual_name_splits_into_english_and_welsh() -> None:
    assert split_bilingual("Cardiff / Caerdydd") == ("Cardiff", "Caerdydd")
    assert split_bilingual("Neath Port Talbot / Castell-nedd Port Talbot") == (
        "Neath Port Talbot",
        "Castell-nedd Port Talbot",
    )
    assert split_bilingual("Rhondda Cynon Taf") == ("Rhondda Cynon Taf", "")
    assert split_bilingual("Armagh City, Banbridge and Craigavon")[1] == ""


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("35.0367", "35.0367", Decimal("35.0367")),
        ("7.10", "7.10", Decimal("7.10")),
        (" \t67.1 ", "67.1", Decimal("67.1")),
        ("1,234", "1,234", Decimal("1234")),
        ("£487.40", "£487.40", Decimal("487.40")),
        ("4.973799038286444e-4", "4.973799038286444e-4", Decimal("0.0004973799038286444")),
        ("0", "0", Decimal("0")),
        ("-3.5", "-3.5", Decimal("-3.5")),
    ],
)
def test_a_figure_keeps_its_published_text_and_reads_as_a_decimal(
    text: str, published: str, value: Decimal
) -> None:
    cell = read_cell(text)
    assert (cell.published, cell.value, cell.status) == (published, value, "published")
    assert str(cell.value) == str(value)


@pytest.mark.parametrize("mark", ["..", "na", "NA", "x", ":", "[x]", "c", "[c]", "-", ""])
def test_a_suppression_mark_is_suppressed_never_zero(mark: str) -> None:
    cell = read_cell(mark)
    assert (cell.published, cell.value, cell.status, cell.suppression) == (
        "",
        None,
        "suppressed",
        mark,
    )


@pytest.mark.parametrize("text", ["abc", "1,23", "12 34", "1e"])
def test_text_that_is_neither_figure_nor_mark_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a figure"):
        read_cell(text)


def test_a_slug_is_cut_between_words() -> None:
    assert slugify("Depression: QOF prevalence (18+ yrs)") == "depression-qof-prevalence-18-yrs"
    assert slugify("a" * 50 + " " + "b" * 50) == "a" * 50


def test_decoding_reads_utf8_with_a_byte_order_mark_windows_1252_and_crlf() -> None:
    assert decode("\ufeffArea,£\r\n".encode()) == "Area,£\n"
    assert decode("Ynys Môn,£5\r\n".encode("cp1252")) == "Ynys Môn,£5\n"
    assert decode(b"a\rb\x81") == "a\nb\x81"


@given(st.text())
def test_any_utf8_text_decodes_to_itself_with_unix_line_endings(text: str) -> None:
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    assert decode(text.encode()) == expected.removeprefix("\ufeff")

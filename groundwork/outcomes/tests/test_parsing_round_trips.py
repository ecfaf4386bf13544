"""A file written in each format from generated figures parses back to what was written:
names (bilingual ones too), periods, figures digit for digit, and withheld figures withheld."""

import csv
import io
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from groundwork.outcomes.parsing import ParsedFile, decode, detect_format, head, parse
from groundwork.outcomes.parsing.names import fold

WORD = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzâêîôûŵŷABCDEFGHIJKLMNOPQRSTUVWXYZ-'&,.\"",
    min_size=1,
    max_size=9,
)
NAME = (
    st.lists(WORD, min_size=1, max_size=4)
    .map(" ".join)
    .filter(lambda name: fold(name) not in ("", "total") and not fold(name).startswith("unknown"))
)
YEARS = st.lists(st.integers(1990, 2040), min_size=1, max_size=5, unique=True).map(sorted)


@st.composite
def figures(draw: st.DrawFn) -> str:
    """A figure as a source might write it: "7.10", "-3", "1,234", "35.036692631192025"."""
    whole = draw(st.integers(0, 10**9))
    places = draw(st.integers(0, 15))
    text = f"{whole:,}" if draw(st.booleans()) else str(whole)
    if places:
        text += "." + "".join(
            draw(st.lists(st.sampled_from("0123456789"), min_size=places, max_size=places))
        )
    return ("-" if draw(st.booleans()) and whole else "") + text


def cell(marks: list[str]) -> st.SearchStrategy[str]:
    """A figure, or one of a format's suppression marks."""
    return st.one_of(figures(), st.sampled_from(marks))


def written(rows: list[list[str]]) -> bytes:
    """The rows as a spreadsheet would save them: CSV with CRLF endings, UTF-8 with a BOM."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode()


def read_back(data: bytes, file_name: str) -> ParsedFile:
    """The file parsed as the importer parses an upload: decoded, detected, parsed."""
    text = decode(data)
    found = detect_format(head(text), file_name)
    assert found is not None
    return parse(text, found, file_name)


def expected(text: str, marks: list[str]) -> tuple[str, Decimal | None, str, str]:
    """What a cell reads back as: published, value, status, mark."""
    if text in marks:
        return "", None, "suppressed", text
    return text, Decimal(text.replace(",", "")), "published", ""


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(NAME, st.one_of(st.just(""), NAME)),
        min_size=1,
        max_size=6,
        unique_by=lambda names: fold(names[0]),
    ),
    YEARS,
    st.booleans(),
    st.data(),
)
def test_a_stat_xplore_export_reads_back(
    areas: list[tuple[str, str]], years: list[int], latest_provisional: bool, data: st.DataObject
) -> None:
    labels = [f"{year}/{(year + 1) % 100:02d}" for year in years]
    header = ["Year"]
    for position, label in enumerate(labels):
        mark = " (p)" if latest_provisional and position == len(labels) - 1 else ""
        header += [label + mark, f"{label} - Annotations"]
    rows = [header, ["National - Regional - LA - OAs"]]
    cells = []
    for english, welsh in [*areas, ("Total", "")]:
        row_cells = [data.draw(cell([".."])) for _ in labels]
        cells.append(row_cells)
        name = f"{english} / {welsh}" if welsh else english
        rows.append([name] + [part for text in row_cells for part in (text, "")])
    parsed = read_back(written(rows), "children.csv")
    got = [
        (o.area_name, o.area_name_cy, o.period, o.published, o.value, o.status, o.suppression)
        for o in parsed.observations
    ]
    want = []
    for (english, welsh), row_cells in zip([*areas, ("Total", "")], cells, strict=True):
        for position, (label, text) in enumerate(zip(labels, row_cells, strict=True)):
            published, value, status, mark = expected(text, [".."])
            if status == "published" and latest_provisional and position == len(labels) - 1:
                status = "provisional"
            want.append((english.strip(), welsh.strip(), label, published, value, status, mark))
    assert got == want
    assert [o.is_total for o in parsed.observations].count(True) == len(labels)


ONS_MARKS = ["na", "x", "..", ":", "[x]", "c"]
CODES = st.tuples(
    st.sampled_from(["E06", "E07", "E08", "E09", "W06", "S12", "N09"]), st.integers(0, 999999)
).map(lambda pair: f"{pair[0]}{pair[1]:06d}")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(CODES, NAME), min_size=1, max_size=8, unique_by=lambda area: area[0]),
    st.sampled_from(
        [("2019", "2019"), ("04/2020-03/2021", "Apr 2020-Mar 2021"), ("2019-20", "2019/20")]
    ),
    st.data(),
)
def test_an_ons_sheet_reads_back(
    areas: list[tuple[str, str]], period: tuple[str, str], data: st.DataObject
) -> None:
    rows = [
        ["Indicator:", "A measure of something", "(Back to data dictionary)", ""],
        ["Date:", period[0], "", ""],
        ["Coverage:", "UK", "", ""],
        ["Geography:", "Local Authority Districts and Unitary Authorities, 2021", "", ""],
        ["", "", "", ""],
        ["Area Code", "Area", "Something %", "Lower CI", "Upper CI", "Notes"],
    ]
    want = []
    for code, name in areas:
        text = data.draw(cell(ONS_MARKS))
        limits = data.draw(st.one_of(st.just(("", "")), st.tuples(figures(), figures())))
        note = data.draw(st.sampled_from(["", "Obsolete code since 2021\n(replaced)"]))
        rows.append([code, name, text, *limits, note])
        low, high = (Decimal(limit.replace(",", "")) if limit else None for limit in limits)
        want.append((code, name.strip(), period[1], *expected(text, ONS_MARKS), low, high))
    parsed = read_back(written(rows), "Something-Table 1.csv")
    got = [
        (o.area_code, o.area_name, o.period, o.published, o.value, o.status, o.suppression)
        + (o.lower_ci, o.upper_ci)
        for o in parsed.observations
    ]
    assert got == want
    assert parsed.skipped == []


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(CODES, figures(), figures(), figures()),
        min_size=1,
        max_size=8,
        unique_by=lambda row: row[0],
    ),
)
def test_an_index_of_deprivation_file_reads_back_without_other_nations_scores(
    rows: list[tuple[str, str, str, str]],
) -> None:
    written_rows = [["LAD19CD", "Proportion", "Extent", "Score"]]
    want = []
    prefixes = {"E": "imd-2019", "W": "wimd-2019", "S": "simd-2020", "N": "nimdm-2017"}
    for code, proportion, extent, score in rows:
        english = code.startswith("E")
        written_rows.append([code, proportion, extent, score if english else "0"])
        measures = [("proportion", proportion), ("extent", extent)]
        if english:
            measures.append(("score", score))
        for measure, text in measures:
            want.append((code, f"{prefixes[code[0]]}-{measure}", *expected(text, [])))
    parsed = read_back(written(written_rows), "IMD - Local Authorities.csv")
    got = [
        (o.area_code, o.indicator, o.published, o.value, o.status, o.suppression)
        for o in parsed.observations
    ]
    assert got == want


INDICATOR = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8),
    min_size=1,
    max_size=5,
).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            CODES,
            NAME,
            st.sampled_from(["2019/20", "2018 - 20", "2021"]),
            INDICATOR.map(lambda name: name.capitalize() + ", by method"),
            st.sampled_from(["Male", "Female", "NA", "Persons"]),
            cell(["NA"]),
        ),
        min_size=1,
        max_size=8,
        unique_by=lambda row: (row[0], row[2], row[3], row[4] in ("Male", "Female") and row[4]),
    )
)
def test_a_fingertips_tidy_file_reads_back_with_a_series_per_sex(
    rows: list[tuple[str, str, str, str, str, str]],
) -> None:
    header = ["area_code", "area_name", "area_type", "period", "indicator", "measure", "unit"]
    written_rows = [header + ["value", "compared_to_England", "inequality"]]
    want = []
    for code, name, period, indicator, sex, text in rows:
        written_rows.append(
            [code, name, "UA", period, indicator, "Percentage", "Persons", text, "Similar", sex]
        )
        whole = sex in ("NA", "Persons")
        indicator_name = indicator if whole else f"{indicator} ({sex.lower()})"
        want.append((code, name.strip(), period, indicator_name, *expected(text, ["NA"])))
    parsed = read_back(written(written_rows), "tidy.csv")
    names = {spec.key: spec.name for spec in parsed.indicators}
    got = [
        (o.area_code, o.area_name, o.period, names[o.indicator], o.published, o.value)
        + (o.status, o.suppression)
        for o in parsed.observations
    ]
    assert got == want
    assert all(spec.unit == "%" for spec in parsed.indicators)

"""The ONS subnational indicators explorer's sheets (one indicator a sheet, saved as CSV), read as
published.

The traps, and what is done with each:
- A preamble ("Indicator:", "Date:", "Coverage:", "Geography:", a blank line) comes before the
  header row ("Area Code, Area, <measure>, …"): the indicator's name comes from "Indicator:",
  the period from "Date:" ("2021 Provisional" makes every figure provisional), what it measures
  and its unit from the value column's heading.
- Suppression marks differ from sheet to sheet ("na" in most, "x" in weekly pay; "..", ":",
  "[x]", "c" are read too): each is stored suppressed, with its mark, never as 0.
- Geographies differ: "Local Authority Districts and Unitary Authorities" sheets are by
  district, "Counties and Unitary Authorities" sheets by upper tier (their counties' names
  tagged "lacu:", which is taken off). `IndicatorSpec.geography` says which.
- Confidence intervals, where published ("HLE Lower CI", "LCI", "Lower CI 95.0 limit"), are
  read; where 95% and 99.8% limits are both given, the 95% ones.
- Notes columns ("Obsolete code since 2021 (replaced by …)", sometimes over several lines) are
  not stored: the figure is kept under the code the sheet gives, and the importer follows
  the succession of codes.
- The workbook's other sheets (Data dictionary, Notes, Data inclusivity) hold no figures:
  they parse to no observations and one skipped row saying "Not a data sheet".
- A line with text in its first cell only (a note under the table) holds no figure and is
  passed over; any other line without a GSS code is reported.
- Spaces and tabs around a figure (" \t67.1 ") are taken off; the figure's digits are kept.
"""

import re

from groundwork.outcomes.parsing.cells import (
    Better,
    Geography,
    csv_rows,
    drop_repeats,
    geography_of_codes,
    is_blank,
    is_country_code,
    is_gss_code,
    read_cell,
    read_optional_number,
    slugify,
)
from groundwork.outcomes.parsing.names import fold
from groundwork.outcomes.parsing.periods import Period, parse_period
from groundwork.outcomes.parsing.records import (
    IndicatorSpec,
    ParsedFile,
    ParsedObservation,
    SkippedRow,
    Status,
)

FORMAT = "ons-subnational"
NOT_A_DATA_SHEET = "Not a data sheet"
SOURCE = "ONS Subnational indicators explorer"
SOURCE_URL = (
    "https://www.ons.gov.uk/peoplepopulationandcommunity/wellbeing/datasets/"
    "subnationalindicatorsexplorerunderlyingdata"
)
AREA_TAG = re.compile(r"^(lacu|lad|cty|ua|ctry|rgn):\s*", re.IGNORECASE)
LOWER = re.compile(r"\blower\b|\blci\b", re.IGNORECASE)
UPPER = re.compile(r"\bupper\b|\buci\b", re.IGNORECASE)

# The explorer's indicators (folded names, as "Indicator:" gives them): the slug each is stored
# as, which direction is better (from the workbook's data dictionary) and the unit.
KNOWN: dict[str, tuple[str, Better, str]] = {
    "gross value added per hour worked": ("gva-per-hour-worked", "higher", "£ per hour"),
    "gross median weekly pay": ("median-weekly-pay", "higher", "£ a week"),
    "employment rate for 16 to 64 year olds": ("employment-rate-16-64", "higher", "%"),
    "premises with gigabit capable broadband": ("gigabit-broadband", "higher", "%"),
    "average travel time to nearest employment centre with 500 to 4999 jobs available by "
    "public transport or walking": ("travel-to-work-public-transport", "lower", "minutes"),
    "average travel time to nearest employment centre with 500 to 4999 jobs available by cycle": (
        "travel-to-work-cycle",
        "lower",
        "minutes",
    ),
    "average travel time to nearest employment centre with 500 to 4999 jobs available by car": (
        "travel-to-work-car",
        "lower",
        "minutes",
    ),
    "female healthy life expectancy": ("healthy-life-expectancy-female", "higher", "years"),
    "male healthy life expectancy": ("healthy-life-expectancy-male", "higher", "years"),
    "adults that currently smoke cigarettes": ("adults-who-smoke", "lower", "%"),
    "children 4 to 5 years old overweight and obesity prevalence": (
        "overweight-children-reception",
        "lower",
        "%",
    ),
    "adult 18 overweight and obesity prevalence": ("overweight-adults", "lower", "%"),
    "5 year olds achieving expected level on communication early learning goals": (
        "early-years-communication",
        "higher",
        "%",
    ),
    "5 year olds achieving expected level on literacy early learning goals": (
        "early-years-literacy",
        "higher",
        "%",
    ),
    "5 year olds achieving expected level on maths early learning goals": (
        "early-years-maths",
        "higher",
        "%",
    ),
    "young people achieving gcses and equivalent qualifications in english and maths by age 19": (
        "gcse-english-maths-by-19",
        "higher",
        "%",
    ),
    "schools and nurseries rated good or outstanding by ofsted": (
        "good-or-outstanding-schools",
        "higher",
        "%",
    ),
    "number of starts on apprenticeships": ("apprenticeship-starts", "higher", "starts"),
    "number of completions on apprenticeships": (
        "apprenticeship-completions",
        "higher",
        "completions",
    ),
    "4g coverage provided by at least one mobile network provider": ("4g-coverage", "higher", "%"),
    "average life satisfaction rating": ("life-satisfaction", "higher", "score 0–10"),
    "average feeling that things done in life are worthwhile rating": (
        "feeling-life-is-worthwhile",
        "higher",
        "score 0–10",
    ),
    "average happiness rating": ("happiness", "higher", "score 0–10"),
    "average anxiety rating": ("anxiety", "lower", "score 0–10"),
    "net additions to the housing stock": ("net-additional-dwellings", "higher", "dwellings"),
}


def parse(text: str, file_name: str = "") -> ParsedFile:
    """Every figure of one sheet; a sheet without figures gives one "Not a data sheet" row;
    ValueError when a data sheet's period cannot be read."""
    rows = list(csv_rows(text))
    header_at = next(
        (position for position, (_, row) in enumerate(rows) if row and fold(row[0]) == "area code"),
        None,
    )
    if header_at is None:
        return _not_a_data_sheet(rows, file_name)
    preamble = _preamble(rows[:header_at])
    header = rows[header_at][1]
    period = parse_period(preamble.get("date", ""))
    codes = [row[0].strip() for _, row in rows[header_at + 1 :] if row and is_gss_code(row[0])]
    spec = _indicator(preamble, header, codes)
    lower, upper = _confidence_columns(header)
    parsed = ParsedFile(format=FORMAT, indicators=[spec])
    for line, row in rows[header_at + 1 :]:
        # Blank lines, and notes below the table written in its first cell alone.
        if is_blank(row[1:]) and not is_gss_code(row[0].strip() if row else ""):
            continue
        _read_row(parsed, spec, period, (lower, upper), line, row)
    return drop_repeats(parsed)


def _not_a_data_sheet(rows: list[tuple[int, list[str]]], file_name: str) -> ParsedFile:
    title = next((cell.strip() for _, row in rows for cell in row if cell.strip()), file_name)
    reason = f"{NOT_A_DATA_SHEET} (no “Area Code” header row): “{title[:80]}”"
    return ParsedFile(format=FORMAT, skipped=[SkippedRow(1, reason)])


def _preamble(rows: list[tuple[int, list[str]]]) -> dict[str, str]:
    """The preamble's "Label:, value" pairs, labels folded ("date", "geography")."""
    return {
        fold(row[0]): row[1].strip()
        for _, row in rows
        if len(row) > 1 and row[0].strip().endswith(":")
    }


def _indicator(preamble: dict[str, str], header: list[str], codes: list[str]) -> IndicatorSpec:
    name = preamble.get("indicator") or header[2].strip()
    known = KNOWN.get(fold(name).replace("prevalance", "prevalence"))
    slug, better, unit = known or (slugify(name), "neither", _unit_of(header[2]))
    geography: Geography
    geography_text = preamble.get("geography", "").lower()
    if "counties" in geography_text or "upper tier" in geography_text:
        geography = "upper_tier"
    elif "district" in geography_text:
        geography = "district"
    else:
        geography = geography_of_codes(codes)
    coverage = preamble.get("coverage", "")
    return IndicatorSpec(
        key=slug,
        slug=slug,
        name=name,
        measures=header[2].strip() + (f" ({coverage})" if coverage else ""),
        unit=unit,
        better=better,
        geography=geography,
        source=SOURCE,
        source_url=SOURCE_URL,
    )


def _unit_of(heading: str) -> str:
    if heading.strip().endswith("%"):
        return "%"
    if "£" in heading:
        return "£"
    return ""


def _confidence_columns(header: list[str]) -> tuple[int | None, int | None]:
    """The columns of the lower and upper confidence limits (the 95% ones where there are two)."""
    lowers = [index for index, cell in enumerate(header) if index > 2 and LOWER.search(cell)]
    uppers = [index for index, cell in enumerate(header) if index > 2 and UPPER.search(cell)]
    lowers.sort(key=lambda index: "99" in header[index])
    uppers.sort(key=lambda index: "99" in header[index])
    return (lowers[0] if lowers else None), (uppers[0] if uppers else None)


def _read_row(
    parsed: ParsedFile,
    spec: IndicatorSpec,
    period: Period,
    limits: tuple[int | None, int | None],
    line: int,
    row: list[str],
) -> None:
    code = row[0].strip()
    if not is_gss_code(code):
        parsed.skipped.append(SkippedRow(line, f"“{code or row[1:2]}” is not a GSS area code"))
        return
    name = AREA_TAG.sub("", row[1].strip()) if len(row) > 1 else ""

    def cell_at(index: int | None) -> str:
        return row[index] if index is not None and index < len(row) else ""

    try:
        cell = read_cell(cell_at(2))
        lower_ci, upper_ci = (read_optional_number(cell_at(index)) for index in limits)
    except ValueError as error:
        parsed.skipped.append(SkippedRow(line, f"{name} ({code}): {error}"))
        return
    status: Status = cell.status
    if status == "published" and period.provisional:
        status = "provisional"
    parsed.observations.append(
        ParsedObservation(
            line=line,
            indicator=spec.key,
            area_code=code,
            area_name=name,
            period=period.label,
            period_start=period.start,
            period_end=period.end,
            published=cell.published,
            value=cell.value,
            status=status,
            suppression=cell.suppression,
            lower_ci=lower_ci,
            upper_ci=upper_ci,
            is_total=is_country_code(code),
        )
    )

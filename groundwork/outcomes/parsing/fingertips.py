"""OHID Fingertips data in tidy long form (one figure a row: area code and name, period,
indicator, measure, unit, value; sometimes area type, comparison with England, sex, confidence
limits), read as published.

- Areas are coded; their names are kept as given (a quoted name may hold a comma:
  "Bournemouth, Christchurch and Poole").
- The England row (E92000001) is the national figure, kept with `is_total`, as published.
- Wards (E05…) stand beside authorities in some files: each figure keeps its own code; the
  indicator's geography is the level of its authorities (districts, or upper tier where
  counties stand in for districts; wards when the file holds only wards).
- A breakdown by sex (the "inequality" or "sex" column) is a separate indicator per sex: the
  slug of the indicator's name, then "-male" or "-female" ("healthy-life-expectancy-at-birth-
  female"); "Persons" and "NA" are the indicator itself. A figure for men and one for women
  are different series, each with its own history, and never summed.
- "compared_to_England" (Better, Worse, Similar, Higher, Lower) is not stored: it follows from
  the figures and their confidence limits. It does say which direction is better: where a file
  says "Better" for a figure above England's, higher is better.
- Confidence limits are read where published ("lower_ci", "Lower CI 95.0 limit"; the 95% ones
  where 99.8% ones are given too).
- "NA" (as R writes a missing figure) and the other suppression marks are stored suppressed,
  never as 0.
- Fingertips' own downloads are read too ("Area Code", "Indicator Name", "Time period", …): a
  row of a breakdown by category (deprivation decile, ethnic group) is reported, not stored,
  and a unitary authority listed again under a second area type is kept once.
"""

import re
from collections import defaultdict
from dataclasses import replace
from functools import lru_cache

from groundwork.outcomes.parsing.cells import (
    Better,
    csv_rows,
    drop_repeats,
    geography_of_codes,
    is_country_code,
    is_gss_code,
    read_cell,
    read_optional_number,
    slugify,
)
from groundwork.outcomes.parsing.periods import parse_period
from groundwork.outcomes.parsing.records import (
    IndicatorSpec,
    ParsedFile,
    ParsedObservation,
    SkippedRow,
)

FORMAT = "fingertips"
SOURCE = "OHID Fingertips"
SOURCE_URL = "https://fingertips.phe.org.uk/"
ENGLAND = "E92000001"
NOT_A_NAME_CHARACTER = re.compile(r"[^a-z0-9]+")
# The columns, by their names with case, spaces and underscores taken away, as the tidy files
# and the Fingertips downloads name them.
COLUMNS = {
    "area_code": ("areacode",),
    "area_name": ("areaname",),
    "area_type": ("areatype",),
    "period": ("period", "timeperiod"),
    "indicator": ("indicator", "indicatorname"),
    "measure": ("measure",),
    "unit": ("unit",),
    "value": ("value",),
    "compared": ("comparedtoengland", "comparedtoenglandvalueorpercentiles"),
    "sex": ("inequality", "sex"),
    "category": ("category",),
    "category_type": ("categorytype",),
}
REQUIRED = ("area_code", "period", "indicator", "value")
WHOLE_POPULATION = {"", "na", "persons", "all", "total"}
# Where a file does not say, the direction that is better, from words in the indicator's name.
LOWER_IS_BETTER = re.compile(
    r"poverty|low income|deprivation|depression|obes|overweight|smok|mortality|death|"
    r"admission|unemploy|homeless|crime|anxiety",
    re.IGNORECASE,
)
HIGHER_IS_BETTER = re.compile(r"life expectancy|employment rate|satisfaction", re.IGNORECASE)


def parse(text: str, file_name: str = "") -> ParsedFile:
    """Every figure of a tidy Fingertips file; ValueError when a required column is missing."""
    rows = list(csv_rows(text))
    if not rows:
        raise ValueError("The file is empty")
    columns = _columns(rows[0][1])
    parsed = ParsedFile(format=FORMAT)
    specs: dict[str, IndicatorSpec] = {}
    for line, row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue
        record = {name: row[index].strip() for name, index in columns.items() if index < len(row)}
        observation = _read_row(parsed, specs, record, line)
        if observation is not None:
            parsed.observations.append(observation)
    parsed.indicators = _finished_specs(specs, parsed.observations, rows, columns)
    return drop_repeats(parsed)


def _columns(header: list[str]) -> dict[str, int]:
    simple = [NOT_A_NAME_CHARACTER.sub("", cell.lower()) for cell in header]
    found = {}
    for name, spellings in COLUMNS.items():
        for index, cell in enumerate(simple):
            if cell in spellings:
                found[name] = index
                break
    missing = [name for name in REQUIRED if name not in found]
    if missing:
        raise ValueError(
            f"The header has no {', '.join(missing)} column: not a tidy Fingertips file"
        )
    found |= _confidence_columns(simple)
    return found


def _confidence_columns(simple: list[str]) -> dict[str, int]:
    """The columns of the confidence limits, the 95% ones where 99.8% ones are given too."""
    found = {}
    for name, word in (("lower_ci", "lower"), ("upper_ci", "upper")):
        candidates = [
            index
            for index, cell in enumerate(simple)
            if cell.startswith(word) and ("ci" in cell or "limit" in cell)
        ]
        candidates.sort(key=lambda index: "998" in simple[index])
        if candidates:
            found[name] = candidates[0]
    return found


def _indicator_key(record: dict[str, str]) -> tuple[str, str]:
    """The slug of a row's indicator (with its sex, if a breakdown) and its name."""
    return _indicator_named(record["indicator"], record.get("sex", ""))


@lru_cache(maxsize=256)
def _indicator_named(name: str, sex: str) -> tuple[str, str]:
    if sex.lower() in WHOLE_POPULATION:
        return slugify(name), name
    return slugify(f"{name} {sex}"), f"{name} ({sex.lower()})"


def _read_row(
    parsed: ParsedFile, specs: dict[str, IndicatorSpec], record: dict[str, str], line: int
) -> ParsedObservation | None:
    """The figure of one row; None, with the row reported, where it holds none to store."""
    code = record.get("area_code", "")
    name = record.get("area_name", "")
    if not is_gss_code(code):
        parsed.skipped.append(SkippedRow(line, f"“{code}” ({name}) is not a GSS area code"))
        return None
    if record.get("category"):
        kind = record.get("category_type") or "category"
        reason = f"{name} ({code}): a breakdown by {kind} (“{record['category']}”) is not stored"
        parsed.skipped.append(SkippedRow(line, reason))
        return None
    slug, indicator_name = _indicator_key(record)
    try:
        period = parse_period(record.get("period", ""))
        cell = read_cell(record.get("value", ""))
        lower_ci = read_optional_number(record.get("lower_ci", ""))
        upper_ci = read_optional_number(record.get("upper_ci", ""))
    except ValueError as error:
        parsed.skipped.append(SkippedRow(line, f"{name} ({code}), {indicator_name}: {error}"))
        return None
    if slug not in specs:
        specs[slug] = _spec(slug, indicator_name, record)
    return ParsedObservation(
        line=line,
        indicator=slug,
        area_code=code,
        area_name=name,
        period=period.label,
        period_start=period.start,
        period_end=period.end,
        published=cell.published,
        value=cell.value,
        status="provisional" if cell.status == "published" and period.provisional else cell.status,
        suppression=cell.suppression,
        lower_ci=lower_ci,
        upper_ci=upper_ci,
        is_total=is_country_code(code),
    )


def _spec(slug: str, name: str, record: dict[str, str]) -> IndicatorSpec:
    measure, unit = record.get("measure", ""), record.get("unit", "")
    return IndicatorSpec(
        key=slug,
        slug=slug,
        name=name,
        measures=_measures(measure, unit),
        unit="%" if measure.lower() == "percentage" else unit.lower(),
        source=SOURCE,
        source_url=SOURCE_URL,
    )


def _measures(measure: str, unit: str) -> str:
    """ "Percentage of households", "Life expectancy (years)"."""
    if not unit:
        return measure
    if measure.lower() == "percentage":
        return f"{measure} of {unit.lower()}"
    return f"{measure} ({unit.lower()})"


def _finished_specs(
    specs: dict[str, IndicatorSpec],
    observations: list[ParsedObservation],
    rows: list[tuple[int, list[str]]],
    columns: dict[str, int],
) -> list[IndicatorSpec]:
    """The specs, with the geography of their areas and the direction that is better."""
    codes: dict[str, list[str]] = defaultdict(list)
    for observation in observations:
        codes[observation.indicator].append(observation.area_code)
    said_better = _better_from_comparisons(observations, rows, columns)
    finished = []
    for slug, spec in specs.items():
        better: Better = said_better.get(slug) or _better_from_name(spec.name)
        geography = geography_of_codes(codes[slug])
        finished.append(replace(spec, better=better, geography=geography))
    return finished


def _better_from_name(name: str) -> Better:
    if LOWER_IS_BETTER.search(name):
        return "lower"
    if HIGHER_IS_BETTER.search(name):
        return "higher"
    return "neither"


def _better_from_comparisons(
    observations: list[ParsedObservation],
    rows: list[tuple[int, list[str]]],
    columns: dict[str, int],
) -> dict[str, Better]:
    """Which direction the file calls better, per indicator: a figure called "Better" above
    England's in the same period means higher is better."""
    if "compared" not in columns:
        return {}
    verdicts = {
        line: row[columns["compared"]].strip().lower()
        for line, row in rows[1:]
        if len(row) > columns["compared"]
    }
    england = {(o.indicator, o.period): o.value for o in observations if o.area_code == ENGLAND}
    said: dict[str, Better] = {}
    for observation in observations:
        verdict = verdicts.get(observation.line, "")
        national = england.get((observation.indicator, observation.period))
        if verdict not in ("better", "worse") or national is None or observation.value is None:
            continue
        if observation.value == national:
            continue
        above = observation.value > national
        said[observation.indicator] = "higher" if above == (verdict == "better") else "lower"
    return said

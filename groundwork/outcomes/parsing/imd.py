"""The indices of deprivation summarised by local authority (one row per authority: its code,
Proportion, Extent, Score), for England, Wales, Scotland and Northern Ireland, read as published.

Each nation builds its own index from its own domains, weights and small areas: the English
IMD 2019, the Welsh WIMD 2019, the Scottish SIMD 2020 and the Northern Irish NIMDM 2017. Their
figures are not comparable across nations, so each nation's index is its own indicators
(`wimd-2019-proportion`, never `imd-2019-proportion` for a Welsh authority), flagged
`comparable_within_nation_only`, so that pages rank an authority only among its own nation's.

- Proportion: the share of the authority's small areas (LSOAs, data zones, SOAs) among the
  nation's most deprived 10%. Extent: the share of its population living in the most deprived
  areas (a weighted measure, 30% down to 10%). Both are stored for every nation.
- Score: the population-weighted average of the small areas' scores. It is published for
  England only; the Welsh, Scottish and Northern Irish files give 0 for every authority, which
  is no score at all: those zeros are not stored (a 0 would read as "least deprived"), and
  the file's report says so once, on its header line.

The edition of each nation's index is in its slug: editions are not comparable either.
"""

from dataclasses import dataclass

from groundwork.outcomes.parsing.cells import (
    csv_rows,
    drop_repeats,
    is_blank,
    is_gss_code,
    read_cell,
)
from groundwork.outcomes.parsing.names import fold
from groundwork.outcomes.parsing.periods import parse_period
from groundwork.outcomes.parsing.records import (
    IndicatorSpec,
    ParsedFile,
    ParsedObservation,
    SkippedRow,
)

FORMAT = "imd"
LICENCE = "Open Government Licence v3.0"


@dataclass(frozen=True)
class NationalIndex:
    """One nation's index of deprivation: its name, edition, publisher and whether its
    authority scores are published in these files."""

    prefix: str
    short: str
    name: str
    year: str
    source: str
    source_url: str
    has_score: bool


INDICES = {
    "E": NationalIndex(
        "imd",
        "IMD",
        "English Index of Multiple Deprivation",
        "2019",
        "MHCLG English Indices of Deprivation 2019",
        "https://www.gov.uk/government/statistics/english-indices-of-deprivation-2019",
        True,
    ),
    "W": NationalIndex(
        "wimd",
        "WIMD",
        "Welsh Index of Multiple Deprivation",
        "2019",
        "Welsh Government, Welsh Index of Multiple Deprivation 2019",
        "https://www.gov.wales/welsh-index-multiple-deprivation",
        False,
    ),
    "S": NationalIndex(
        "simd",
        "SIMD",
        "Scottish Index of Multiple Deprivation",
        "2020",
        "Scottish Government, Scottish Index of Multiple Deprivation 2020",
        "https://www.gov.scot/collections/scottish-index-of-multiple-deprivation-2020/",
        False,
    ),
    "N": NationalIndex(
        "nimdm",
        "NIMDM",
        "Northern Ireland Multiple Deprivation Measure",
        "2017",
        "NISRA Northern Ireland Multiple Deprivation Measure 2017",
        "https://www.nisra.gov.uk/statistics/deprivation/northern-ireland-multiple-deprivation-measure-2017-nimdm2017",
        False,
    ),
}

MEASURES = {
    "proportion": (
        "proportion of most deprived areas",
        "Share of the authority's small areas among the nation's most deprived 10%",
        "share (0–1)",
    ),
    "extent": (
        "extent",
        "Share of the authority's population living in the nation's most deprived areas "
        "(weighted, most deprived 10% to 30%)",
        "share (0–1)",
    ),
    "score": (
        "average score",
        "Population-weighted average of the authority's small areas' deprivation scores",
        "score",
    ),
}


def slug_for(index: NationalIndex, measure: str) -> str:
    """The indicator a nation's index measure is stored as: "imd-2019-score"."""
    return f"{index.prefix}-{index.year}-{measure}"


def spec_for(index: NationalIndex, measure: str) -> IndicatorSpec:
    """What the indicator for a nation's index measure is."""
    label, measures, unit = MEASURES[measure]
    slug = slug_for(index, measure)
    return IndicatorSpec(
        key=slug,
        slug=slug,
        name=f"{index.short} {index.year}: {label}",
        measures=f"{index.name} {index.year}. {measures}. Not comparable with other nations' indices.",
        unit=unit,
        better="lower",
        geography="district",
        source=index.source,
        source_url=index.source_url,
        licence=LICENCE,
        comparable_within_nation_only=True,
    )


def parse(text: str, file_name: str = "") -> ParsedFile:
    """Every figure of an index-by-authority file; ValueError when its header lacks a code column
    or any of Proportion, Extent and Score."""
    rows = list(csv_rows(text))
    if not rows:
        raise ValueError("The file is empty")
    header_line, header = rows[0]
    columns = {fold(cell): index for index, cell in enumerate(header)}
    code_column = next((index for index, cell in enumerate(header) if fold(cell).endswith("cd")), 0)
    missing = [measure for measure in MEASURES if measure not in columns]
    if missing:
        raise ValueError(f"The header has no {', '.join(missing)} column: not an index file")
    parsed = ParsedFile(format=FORMAT)
    nations_without_score: set[str] = set()
    for line, row in rows[1:]:
        if is_blank(row):
            continue
        code = row[code_column].strip()
        index = INDICES.get(code[:1]) if is_gss_code(code) else None
        if index is None:
            parsed.skipped.append(SkippedRow(line, f"“{code}” is not a UK local authority code"))
            continue
        measures = ["proportion", "extent"] + (["score"] if index.has_score else [])
        if not index.has_score:
            nations_without_score.add(code[:1])
        _read_row(parsed, index, measures, columns, (line, code), row)
    for nation in sorted(nations_without_score):
        index = INDICES[nation]
        reason = (
            f"The Score column of the {index.short} {index.year} rows is not stored: it is 0 "
            "for every authority, no published score, and is not comparable across nations"
        )
        parsed.skipped.append(SkippedRow(header_line, reason))
    return drop_repeats(parsed)


def _read_row(
    parsed: ParsedFile,
    index: NationalIndex,
    measures: list[str],
    columns: dict[str, int],
    where: tuple[int, str],
    row: list[str],
) -> None:
    line, code = where
    period = parse_period(index.year)
    for measure in measures:
        spec = spec_for(index, measure)
        if spec not in parsed.indicators:
            parsed.indicators.append(spec)
        text = row[columns[measure]] if columns[measure] < len(row) else ""
        try:
            cell = read_cell(text)
        except ValueError as error:
            parsed.skipped.append(SkippedRow(line, f"{code}, {measure}: {error}"))
            continue
        parsed.observations.append(
            ParsedObservation(
                line=line,
                indicator=spec.key,
                area_code=code,
                area_name="",
                period=period.label,
                period_start=period.start,
                period_end=period.end,
                published=cell.published,
                value=cell.value,
                status=cell.status,
                suppression=cell.suppression,
            )
        )

"""Importing a parsed file of official statistics (`check_import_indicator`): the indicators it
holds, and each figure added, updated (the earlier figure kept as history) or left unchanged.

Rows are observations, not lines: a Stat-Xplore line holds a figure per year. Every observation
whose area cannot be found is skipped and reported with its line and why, never guessed; the
parser's skipped lines are reported and counted too. The work reads first (areas, existing
figures: a fixed number of queries), then writes in bulk, in one transaction; a dry run does the
reading and counting alone and writes nothing."""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from itertools import batched
from typing import Any, NamedTuple

from django.db import connection, models, transaction
from django.utils.translation import gettext as _

from groundwork.aims.hooks import rollup_changed
from groundwork.core.audit import record
from groundwork.core.errors import ActionError
from groundwork.groups.hooks import every_group_page_changed
from groundwork.members.models import User
from groundwork.outcomes.actions.resolving import Resolver, fold
from groundwork.outcomes.models import (
    Area,
    Indicator,
    IndicatorImport,
    Observation,
    ObservationRevision,
)
from groundwork.outcomes.parsing.records import IndicatorSpec, ParsedFile, ParsedObservation

BATCH = 1000
# How often (in observations) the progress callback is told.
PROGRESS_EVERY = 500
PLACES = Decimal("1e-8")  # the observations' decimal places
SPEC_FIELDS = [
    "name",
    "measures",
    "unit",
    "better",
    "geography",
    "source",
    "source_url",
    "licence",
    "comparable_within_nation_only",
]
FIGURE_FIELDS = ["value", "published", "lower_ci", "upper_ci", "status"]

Progress = Callable[[int, int], None]


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do)."""

    rows: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    dry_run: bool = False
    # Each skipped line once: {"line": n, "reason": "..."}
    report: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> str:
        """`<rows> rows: <a> added, <u> updated, <n> unchanged, <s> skipped`."""
        return (
            f"{self.rows} rows: {self.added} added, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.skipped} skipped"
        )


def restrict_to_indicator(parsed: ParsedFile, slug: str) -> ParsedFile:
    """The file's figures of one indicator, named by its slug or the file's key for it; for a
    file of one indicator, that indicator stored under `slug` instead."""
    chosen = [spec for spec in parsed.indicators if slug in (spec.slug, spec.key)]
    if not chosen and len(parsed.indicators) == 1:
        chosen = [replace(parsed.indicators[0], slug=slug)]
    if not chosen:
        slugs = ", ".join(spec.slug for spec in parsed.indicators)
        raise ActionError(
            _("This file holds no indicator %(slug)s; it holds %(slugs)s.")
            % {"slug": slug, "slugs": slugs},
            field="indicator",
        )
    keys = {spec.key for spec in chosen}
    return ParsedFile(
        format=parsed.format,
        indicators=chosen,
        observations=[o for o in parsed.observations if o.indicator in keys],
        skipped=list(parsed.skipped),
    )


def check_import_indicator(
    parsed: ParsedFile,
    *,
    release: IndicatorImport,
    acting_user: User | None,
    dry_run: bool,
    progress: Progress | None = None,
) -> ImportReport:
    """Store the file's figures (or count, for a dry run, what storing them would do), keep the
    counts and the report on `release`, and audit it. Raises ActionError for a file that says
    nothing about the indicators its figures belong to."""
    specs = {spec.key: spec for spec in parsed.indicators}
    unknown = {o.indicator for o in parsed.observations} - set(specs)
    if unknown:
        raise ActionError(_("Figures of an indicator the file does not describe: %s") % unknown)
    report = ImportReport(dry_run=dry_run)
    plan = _Plan(parsed, specs, report, progress)
    if not dry_run:
        with transaction.atomic():
            indicators = _save_indicators(parsed.indicators)
            plan.write(indicators, release)
            _fill_welsh_names(plan.welsh_names)
            _keep(release, report)
            rollup_changed()  # what the alliance's roll-up counts may have changed
            every_group_page_changed()  # the latest figures of their targets
            record(
                actor=acting_user,
                verb="indicators.imported",
                target=release,
                new={"file": release.file_name, "summary": report.summary()},
            )
    else:
        _keep(release, report)
    return report


def _keep(release: IndicatorImport, report: ImportReport) -> None:
    release.rows_total = release.rows_done = report.rows
    release.added, release.updated = report.added, report.updated
    release.unchanged, release.skipped = report.unchanged, report.skipped
    release.report = report.report
    release.summary = report.summary()
    if release.pk:
        release.save()


def _save_indicators(specs: list[IndicatorSpec]) -> dict[str, Indicator]:
    """The file's indicators by their key in the file, made or brought up to the file."""
    existing = {i.slug: i for i in Indicator.objects.filter(slug__in={s.slug for s in specs})}
    found = {}
    for spec in specs:
        values = {name: getattr(spec, name) for name in SPEC_FIELDS}
        indicator = existing.get(spec.slug)
        if indicator is None:
            indicator = Indicator.objects.create(slug=spec.slug, **values)
        elif any(getattr(indicator, k) != v for k, v in values.items() if v not in ("", None)):
            for name, value in values.items():
                if value not in ("", None):
                    setattr(indicator, name, value)
            indicator.save()
        found[spec.key] = indicator
    return found


def _fill_welsh_names(names: dict[int, str]) -> None:
    """Welsh names the file gave ("Cardiff / Caerdydd") for areas that had none."""
    areas = list(Area.objects.filter(pk__in=names, name_cy=""))
    for area in areas:
        area.name_cy = names[area.pk][:200]
    Area.objects.bulk_update(areas, ["name_cy"])


def _welsh_half(observation: ParsedObservation, area: Area) -> str:
    """The Welsh half of a bilingual "Cardiff / Caerdydd" whose English half is the area's name."""
    english, _slash, welsh = observation.area_name.partition("/")
    if welsh.strip() and fold(english) == fold(area.name) != fold(welsh):
        return welsh.strip()
    return ""


def _quantised(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(PLACES)


_STORED = ["value", "published", "lower_ci", "upper_ci", "status", "release_id"]


class _Stored(NamedTuple):
    """A stored figure, as the importer compares it (read without building models)."""

    pk: int
    value: Decimal | None
    published: str
    lower_ci: Decimal | None
    upper_ci: Decimal | None
    status: str
    release_id: int | None


def _same_figure(old: "_Stored", new: ParsedObservation) -> bool:
    return (
        old.published == new.published
        and old.value == _quantised(new.value)
        and old.lower_ci == _quantised(new.lower_ci)
        and old.upper_ci == _quantised(new.upper_ci)
    )


def _normalised(observation: ParsedObservation) -> ParsedObservation:
    """A figure without a value is suppressed, and a suppressed one has no value (never 0)."""
    if observation.value is None or observation.status == "suppressed":
        return replace(observation, value=None, status="suppressed")
    return observation


def new_status(old: "_Stored | None", new: ParsedObservation) -> str:
    """The figure's status: as the file says, except that a final figure replacing a different
    earlier one is "revised" (and stays so while later releases repeat it)."""
    if new.status in ("provisional", "suppressed"):
        return new.status
    if old is None or old.status == Observation.Status.SUPPRESSED:
        return "published"
    if old.status == Observation.Status.REVISED and _same_figure(old, new):
        return "revised"
    return "revised" if old.value != _quantised(new.value) else "published"


class _Plan:
    """The reading half of an import: each figure sorted into added, updated, unchanged or
    skipped, with the objects to write."""

    def __init__(
        self,
        parsed: ParsedFile,
        specs: dict[str, IndicatorSpec],
        report: ImportReport,
        progress: Progress | None,
    ) -> None:
        self.report = report
        self.added: list[tuple[ParsedObservation, Area]] = []
        self.updated: list[tuple[ParsedObservation, _Stored]] = []
        self.welsh_names: dict[int, str] = {}
        observations = [_normalised(o) for o in parsed.observations]
        report.rows = len(observations) + len(parsed.skipped)
        skipped_lines: dict[int, str] = {row.line: row.reason for row in parsed.skipped}
        report.skipped = len(parsed.skipped)
        resolver = Resolver(observations)
        areas = self._resolve(observations, specs, resolver, skipped_lines)
        existing = self._existing(specs, areas)
        seen: dict[tuple[str, int, str], int] = {}
        for done, (observation, area) in enumerate(areas, start=1):
            key = (observation.indicator, area.pk, observation.period)
            if key in seen:
                again = _("the same area and period as line %(line)s") % {"line": seen[key]}
                self._skip(observation, again, skipped_lines)
            else:
                seen[key] = observation.line
                self._sort(observation, area, existing.get(key))
            if progress is not None and (done % PROGRESS_EVERY == 0):
                progress(done + report.skipped, report.rows)
        if progress is not None:
            progress(report.rows, report.rows)
        report.report = [
            {"line": line, "reason": reason} for line, reason in sorted(skipped_lines.items())
        ]

    def _skip(self, observation: ParsedObservation, reason: str, lines: dict[int, str]) -> None:
        self.report.skipped += 1
        lines.setdefault(observation.line, reason)

    def _resolve(
        self,
        observations: list[ParsedObservation],
        specs: dict[str, IndicatorSpec],
        resolver: Resolver,
        skipped_lines: dict[int, str],
    ) -> list[tuple[ParsedObservation, Area]]:
        found: list[tuple[ParsedObservation, Area]] = []
        totals = []
        for observation in observations:
            if observation.is_total and not observation.area_code:
                totals.append(observation)
                continue
            area = resolver.area(observation, specs[observation.indicator].geography)
            if isinstance(area, str):
                self._skip(observation, area, skipped_lines)
                continue
            found.append((observation, area))
            welsh = getattr(observation, "area_name_cy", "") or _welsh_half(observation, area)
            if welsh and not area.name_cy:
                self.welsh_names[area.pk] = welsh
        nations = {area.nation for _observation, area in found} - {Area.Nation.UK}
        for observation in totals:
            total = resolver.total(nations)
            if isinstance(total, str):
                self._skip(observation, total, skipped_lines)
            else:
                found.append((observation, total))
        return found

    def _existing(
        self, specs: dict[str, IndicatorSpec], found: list[tuple[ParsedObservation, Area]]
    ) -> dict[tuple[str, int, str], "_Stored"]:
        keys = {spec.slug: key for key, spec in specs.items()}
        key_of = dict(Indicator.objects.filter(slug__in=keys).values_list("pk", "slug"))
        area_ids = {area.pk for _observation, area in found}
        rows = Observation.objects.filter(indicator_id__in=key_of, area_id__in=area_ids)
        return {
            (keys[key_of[row[1]]], row[2], row[3]): _Stored(row[0], *row[4:])
            for row in rows.values_list("pk", "indicator_id", "area_id", "period", *_STORED)
        }

    def _sort(self, observation: ParsedObservation, area: Area, old: "_Stored | None") -> None:
        if old is None:
            self.report.added += 1
            self.added.append((observation, area))
        elif _same_figure(old, observation) and old.status == new_status(old, observation):
            self.report.unchanged += 1
        else:
            self.report.updated += 1
            self.updated.append((observation, old))

    def write(self, indicators: dict[str, Indicator], release: IndicatorImport) -> None:
        """The writing half: new figures, changed figures and their history, in batches."""
        release_id = release.pk
        Observation.objects.bulk_create(
            [
                Observation(
                    indicator=indicators[o.indicator],
                    area=area,
                    period=o.period,
                    period_start=o.period_start,
                    period_end=o.period_end,
                    value=_quantised(o.value),
                    published=o.published,
                    lower_ci=_quantised(o.lower_ci),
                    upper_ci=_quantised(o.upper_ci),
                    status=new_status(None, o),
                    release_id=release_id,
                )
                for o, area in self.added
            ],
            batch_size=BATCH,
        )
        history, changed = [], []
        for o, old in self.updated:
            history.append(
                ObservationRevision(
                    observation_id=old.pk,
                    release_id=old.release_id,
                    **{name: getattr(old, name) for name in FIGURE_FIELDS},
                )
            )
            figure = [_quantised(o.value), o.published, _quantised(o.lower_ci)]
            changed.append(
                [*figure, _quantised(o.upper_ci), new_status(old, o), release_id, old.pk]
            )
        ObservationRevision.objects.bulk_create(history, batch_size=BATCH)
        _update_figures(changed)


def _field(name: str) -> models.Field:
    field = Observation._meta.get_field(name)
    assert isinstance(field, models.Field)
    return field


def _update_figures(changed: list[list[Any]]) -> None:
    """Write the changed figures ([*FIGURE_FIELDS, release id, pk] each): one UPDATE by primary
    key, sent many at once. Django's bulk_update builds a CASE per field over the whole batch,
    which PostgreSQL took a minute over for 20,000 figures; this takes a second or two."""
    meta = Observation._meta
    fields = [_field(name) for name in [*FIGURE_FIELDS, "release"]]
    quote = connection.ops.quote_name
    columns = ", ".join(f"{quote(str(field.column))} = %s" for field in fields)
    sql = f"UPDATE {quote(meta.db_table)} SET {columns} WHERE {quote('id')} = %s"
    decimals = [_field(name) for name in ("value", "lower_ci", "upper_ci")]
    rows = []
    for row in changed:
        value, published, lower, upper, *rest = row
        value, lower, upper = (
            field.get_db_prep_save(number, connection)
            for field, number in zip(decimals, (value, lower, upper), strict=True)
        )
        rows.append([value, published, lower, upper, *rest])
    with connection.cursor() as cursor:
        for batch in batched(rows, BATCH):
            cursor.executemany(sql, batch)

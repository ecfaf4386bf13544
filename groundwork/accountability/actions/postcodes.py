"""Importing the ONS Postcode Directory (importing/onspd.py) into the postcodes table.

A real directory has 2.7 million rows, so rows are applied in chunks, each with one read of the
postcodes it names and bulk writes. A postcode the file does not list is left as it is (a
sample or a partial file is not the whole directory). The same file twice changes nothing."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import batched

from django.db import transaction

from groundwork.accountability.importing import Skipped, onspd
from groundwork.accountability.importing.onspd import PostcodeRow
from groundwork.accountability.models import Postcode, Source
from groundwork.core.audit import record
from groundwork.members.models import User

POSTCODE_FIELDS = [
    "district",
    "ward_gss",
    "constituency_gss",
    "authority_gss",
    "country_gss",
    "latitude",
    "longitude",
    "introduced",
    "terminated",
]


@dataclass
class PostcodeReport:
    """What a directory import did: every row is added, updated, unchanged or skipped."""

    rows: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)

    def summary(self) -> str:
        """One line: `<rows> rows: <a> added, <u> updated, <n> unchanged, <s> skipped`."""
        return (
            f"{self.rows} rows: {self.added} added, {self.updated} updated, "
            f"{self.unchanged} unchanged, {len(self.skipped)} skipped"
        )


def do_import_postcodes(
    rows: Iterable[PostcodeRow | Skipped],
    *,
    acting_user: User | None,
    chunk_size: int = 5000,
    progress: Callable[[int], None] | None = None,
) -> PostcodeReport:
    """Bring the postcodes up to a directory's rows, in chunks of bulk writes, in one
    transaction, with one audit entry; postcodes the file does not list are left as they are."""
    report = PostcodeReport()
    with transaction.atomic():
        info = onspd.SOURCE
        values = {"title": info.title, "url": info.url, "licence": info.licence}
        source, _created = Source.objects.update_or_create(
            slug=info.slug, defaults={**values, "licence_url": info.licence_url}
        )
        for chunk in batched(rows, chunk_size):
            report.rows += len(chunk)
            _import_postcode_chunk(chunk, report)
            if progress is not None:
                progress(report.rows)
        counts = {"added": report.added, "updated": report.updated, "unchanged": report.unchanged}
        record(
            actor=acting_user,
            verb="postcodes.imported",
            target=source,
            new={"rows": report.rows, **counts, "skipped": len(report.skipped)},
        )
    return report


def _import_postcode_chunk(
    chunk: tuple[PostcodeRow | Skipped, ...], report: PostcodeReport
) -> None:
    wanted: dict[str, PostcodeRow] = {}
    for row in chunk:
        if isinstance(row, Skipped):
            report.skipped.append(row)
        elif row.postcode in wanted:
            first = wanted[row.postcode].line
            report.skipped.append(
                Skipped(row.line, f"{row.postcode} again (first on line {first})")
            )
        else:
            wanted[row.postcode] = row
    held = Postcode.objects.in_bulk(list(wanted), field_name="postcode")
    added, changed = [], []
    for postcode, row in wanted.items():
        values = {name: getattr(row, name) for name in POSTCODE_FIELDS}
        found = held.get(postcode)
        if found is None:
            added.append(Postcode(postcode=postcode, **values))
        elif any(getattr(found, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(found, name, value)
            changed.append(found)
        else:
            report.unchanged += 1
    Postcode.objects.bulk_create(added)
    Postcode.objects.bulk_update(changed, POSTCODE_FIELDS, batch_size=1000)
    report.added += len(added)
    report.updated += len(changed)

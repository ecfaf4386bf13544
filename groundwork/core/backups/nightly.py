"""The nightly backup: a pg_dump in the custom format, checked, with the uploaded files beside
it, and backups past their days deleted (docs/backups.md; `manage.py backup_database`)."""

import os
import subprocess
import tarfile
import time
from dataclasses import dataclass
from pathlib import Path

from groundwork.core.backups.postgres import BackupError, environment_for, program


@dataclass
class Backup:
    """What one nightly backup wrote, and what it pruned."""

    dump: Path
    media: Path | None
    pruned: list[Path]
    seconds: float


def take_backup(
    source: dict[str, str], folder: Path, *, keep_days: int, media_root: Path | None
) -> Backup:
    """Dump the database (pg_dump's custom format: one consistent snapshot, compressed, restored
    table by table) and archive the uploaded files into `folder`, check that pg_restore can read
    the dump, then delete backups older than `keep_days` (never the one just taken)."""
    started = time.monotonic()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = time.strftime("%Y-%m-%dT%H%M%SZ", time.gmtime())
    dump = folder / f"groundwork-{stamp}.dump"
    partial = dump.with_suffix(".dump.partial")
    old_mask = os.umask(0o077)  # members' personal data: readable by the backup's owner only
    try:
        done = subprocess.run(
            [program("pg_dump"), "--format=custom", f"--file={partial}"],
            env=environment_for(source), capture_output=True, text=True,
        )  # fmt: skip
        if done.returncode != 0:
            partial.unlink(missing_ok=True)
            raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
        listed = subprocess.run(
            [program("pg_restore"), "--list", str(partial)], capture_output=True, text=True
        )
        if listed.returncode != 0 or "TABLE DATA" not in listed.stdout:
            partial.unlink(missing_ok=True)
            raise BackupError(f"pg_restore cannot read the dump: {listed.stderr.strip()}")
        partial.rename(dump)
        media = None
        if media_root is not None and media_root.is_dir():
            media = folder / f"media-{stamp}.tar.gz"
            with tarfile.open(media.with_suffix(".gz.partial"), "w:gz") as archive:
                archive.add(media_root, arcname="media")
            media.with_suffix(".gz.partial").rename(media)
    finally:
        os.umask(old_mask)
    pruned = prune(folder, keep_days=keep_days, keep={dump, media})
    return Backup(dump, media, pruned, time.monotonic() - started)


def prune(folder: Path, *, keep_days: int, keep: set[Path | None]) -> list[Path]:
    """Delete this folder's backups (and leftovers of failed ones) older than `keep_days`."""
    cutoff = time.time() - keep_days * 86400
    pruned = []
    for pattern in ("groundwork-*.dump*", "media-*.tar.gz*"):
        for path in sorted(folder.glob(pattern)):
            if path not in keep and path.stat().st_mtime < cutoff:
                path.unlink()
                pruned.append(path)
    return pruned

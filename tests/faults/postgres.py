"""A throwaway PostgreSQL cluster for fault drills: started on a free loopback port in a
temporary folder, stopped (and started again) by the test, removed afterwards; and a streaming
replica of one (pg_basebackup -R), for the read replica's test and bench/scale_out.py."""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def server_binaries() -> Path | None:
    """The folder of PostgreSQL's server programs (initdb, pg_ctl), newest version first."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    on_path = shutil.which("initdb")
    if found:
        return Path(found[0]).parent
    return Path(on_path).parent if on_path else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """One PostgreSQL cluster: `url` to reach it, `stop()` and `start()` to fault it."""

    def __init__(self, binaries: Path, folder: Path, port: int) -> None:
        self.binaries, self.folder, self.port = binaries, folder, port
        self.url = f"postgres://postgres@127.0.0.1:{port}/postgres"

    def _run(self, *command: str) -> None:
        # PostgreSQL refuses to run as root; these machines run the tests as root.
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *command], check=True, capture_output=True, text=True, timeout=60)

    def psql(self, sql: str, database: str = "postgres") -> str:
        """Run SQL with psql as the superuser; its unaligned output."""
        command = [str(self.binaries / "psql"), "-h", "127.0.0.1", "-p", str(self.port)]
        done = subprocess.run(
            [*command, "-U", "postgres", "-d", database, "-At", "-c", sql],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        if done.returncode:
            raise RuntimeError(f"psql failed on {sql!r}: {done.stderr.strip()}")
        return done.stdout.strip()

    def init(self) -> None:
        self._run(
            str(self.binaries / "initdb"), "-D", str(self.folder / "data"), "-A", "trust",
            "-U", "postgres", "--no-sync",
        )  # fmt: skip

    def start(self) -> None:
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -c fsync=off "
            f"-c unix_socket_directories={self.folder}"
        )
        self._run(
            str(self.binaries / "pg_ctl"), "-D", str(self.folder / "data"), "-o", options,
            "-l", str(self.folder / "server.log"), "-w", "start",
        )  # fmt: skip

    def stop(self, mode: str = "immediate") -> None:
        """Stop the server; "immediate" is a crash: open transactions are simply lost."""
        self._run(
            str(self.binaries / "pg_ctl"), "-D", str(self.folder / "data"), "-m", mode, "-w",
            "stop",
        )  # fmt: skip


@contextmanager
def throwaway_cluster() -> Iterator[Cluster]:
    binaries = server_binaries()
    if binaries is None:
        pytest.skip("needs PostgreSQL's server programs (initdb, pg_ctl), as on these machines")
    folder = Path(tempfile.mkdtemp(prefix="groundwork-drill-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    cluster = Cluster(binaries, folder, free_port())
    cluster.init()
    cluster.start()
    try:
        yield cluster
    finally:
        try:
            cluster.stop("immediate")
        except subprocess.CalledProcessError:
            pass  # already stopped by the drill
        shutil.rmtree(folder, ignore_errors=True)


def new_cluster_folder(prefix: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    return folder


def start_replica(primary: Cluster, folder: Path) -> Cluster:
    """A hot standby of `primary` in `folder`, on its own free port, streaming from it: a base
    backup with -R writes primary_conninfo and standby.signal (initdb's pg_hba.conf already
    trusts replication connections from 127.0.0.1)."""
    replica = Cluster(primary.binaries, folder, free_port())
    replica._run(
        str(primary.binaries / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(primary.port),
        "-U", "postgres", "-D", str(folder / "data"), "-R", "-X", "stream", "--no-sync",
        "--checkpoint=fast",
    )  # fmt: skip
    replica.start()
    return replica


@contextmanager
def streaming_replica(primary: Cluster) -> Iterator[Cluster]:
    if shutil.which("pg_basebackup") is None and not (primary.binaries / "pg_basebackup").exists():
        pytest.skip("needs pg_basebackup (Debian's postgresql package) to make a replica")
    folder = new_cluster_folder("groundwork-replica-")
    replica = start_replica(primary, folder)
    try:
        yield replica
    finally:
        try:
            replica.stop("immediate")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(folder, ignore_errors=True)

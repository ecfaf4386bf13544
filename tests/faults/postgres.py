"""A throwaway PostgreSQL cluster for fault drills: started on a free loopback port in a
temporary folder, stopped (and started again) by the test, removed afterwards."""

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

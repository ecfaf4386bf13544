"""Casting a secret vote, time per request: this tree against a baseline git ref, in one run.

    .venv/bin/python bench/vote_casting.py [--baseline REF] [--rounds 40] [--per-round 10]

Issue #11 asks that casting a secret vote stays within 20% of today's time per request once votes
are sealed. Times drift on this shared machine by more than that between runs, so both trees are
measured in the same run: the baseline REF (default: main when this bench was written) is checked
out in a temporary `git worktree` and run with this tree's virtualenv (its packages are a
superset of what the baseline needs); this tree runs as it stands, uncommitted changes included.

For each tree: a database of its own on the project's settings (SQLite in a temporary file by
default; with DATABASE_URL set to PostgreSQL, a temporary database `<name>_vote_<tree>` on that
server), migrated by the tree's own migrations; the tree's own set-up (bench/vote_casting_setup.py,
run with that tree's code on sys.path: a group, its electors signed in, and two open secret
ballots, STV over 12 candidates and yes / no); and gunicorn (2 sync workers, production-like
settings, DEBUG off) on a free loopback port. Then each elector does what a browser does: GET the
ballot page, read the CSRF cookie and token from its vote form, POST the form; first in the STV
ballot, then in the yes / no one. Every elector votes once in each ballot. After a warm-up, the
trees take turns elector by elector (baseline then current, then current then baseline, ...),
so that load from elsewhere and drift fall on both alike; `--rounds` groups the turns for the
spread. Requests go one at a time (no queueing), each timed by the client from connecting to the
last byte of the answer.

Prints, per ballot and request: each tree's median time per request and quartiles, the ratio
current / baseline of the medians, and a 95% interval of that ratio (a bootstrap over the rounds).
Checks that every vote was recorded (each answer, and the counts in both databases). Bounded: a fixed number of requests, each with a timeout, and
an overall time limit; loopback only. Stops both servers and removes the worktree and the
databases at the end, also on error and on Ctrl-C or `kill`.
"""

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable)  # the project's venv python; both trees run on it
GUNICORN = PYTHON.parent / "gunicorn"
SETUP = Path(__file__).resolve().parent / "vote_casting_setup.py"
# `git rev-parse main` when this bench was written (issue #11, before the sealed ballot box).
DEFAULT_BASELINE = "5cdb818e15071bda4ac65f09a1291d4b052ebb33"
HOST = "127.0.0.1"
MAX_SECONDS = 30 * 60  # the whole run, set-up included
REQUEST_TIMEOUT = 30
OPTIONS = 12
KINDS = {"stv": f"STV, {OPTIONS} candidates, 3 seats", "yesno": "yes / no"}
REQUESTS = {"post": "cast the vote (POST)", "get": "ballot page (GET)"}

SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "DEBUG": "false",
    "ALLOWED_HOSTS": HOST,
    "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789-abcdefghijklmnop",
    "SECURE_SSL_REDIRECT": "false",
    "DATABASE_CONN_MAX_AGE": "60",
    "LOG_LEVEL": "WARNING",
    "REDIS_URL": "",
    "GROUNDWORK_TESTING": "false",
}


class BenchError(Exception):
    """The run cannot go on; the message says why."""


@dataclass
class Tree:
    label: str  # "baseline" or "current"
    path: Path
    about: str
    database_url: str = ""
    server: subprocess.Popen | None = None
    port: int = 0
    ballots: dict[str, int] = field(default_factory=dict)
    cookies: list[str] = field(default_factory=list)
    # (kind, request) -> one list of seconds per round
    times: dict[tuple[str, str], list[list[float]]] = field(default_factory=dict)

    @property
    def log(self) -> Path:
        return ROOT / "var" / f"bench-vote-casting-{self.label}.log"


def main() -> int:
    options = parse_arguments()
    # A plain `kill` (or `timeout`) unwinds through the finally below, like Ctrl-C.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.monotonic()
    baseline_commit = git("rev-parse", "--verify", f"{options.baseline}^{{commit}}").strip()
    work = Path(tempfile.mkdtemp(prefix="gw-vote-bench-"))
    databases = Databases(work)
    baseline = Tree("baseline", work / "baseline", f"{options.baseline} at {baseline_commit[:7]}")
    current = Tree("current", ROOT, describe_current(baseline_commit))
    trees = [baseline, current]
    electors = options.warm_up + options.rounds * options.per_round
    votes = {kind: planned_votes(kind, electors, options.seed) for kind in KINDS}
    load_before = load_average()
    try:
        git("worktree", "add", "--detach", "--quiet", str(baseline.path), baseline_commit)
        for tree in trees:
            prepare(tree, databases, electors)
        for tree in trees:
            start_server(tree)
        for tree in trees:
            wait_until_up(tree)
        print(
            f"Set up in {time.monotonic() - started:.0f} s; warming up: {options.warm_up} "
            "electors per tree…",
            flush=True,
        )
        for tree in trees:
            for index in range(options.warm_up):
                for kind in KINDS:
                    cast_vote(tree, kind, index, votes[kind][index])
        for number in range(options.rounds):
            run_round(trees, number, options, votes)
            if time.monotonic() - started > MAX_SECONDS:
                raise BenchError(f"stopped: the run passed its limit of {MAX_SECONDS} s")
            if (number + 1) % 6 == 0 or number + 1 == options.rounds:
                print(f"Round {number + 1} of {options.rounds} done", flush=True)
        counted = {tree.label: count_votes(tree) for tree in trees}
    except BenchError as error:
        print(f"Vote casting bench failed: {error}", file=sys.stderr)
        return 1
    finally:
        for tree in trees:
            stop_server(tree)
        databases.drop()
        remove_worktree(baseline.path)
        shutil.rmtree(work, ignore_errors=True)
    expected = electors
    report(trees, options, databases.kind, load_before, time.monotonic() - started)
    problems = [
        f"{label} {kind}: {found}"
        for label, ballots in counted.items()
        for kind, found in ballots.items()
        if found != {"votes_cast": expected, "electors_voted": expected}
    ]
    print(
        f"Database check: every vote recorded ({expected} per ballot and tree)"
        if not problems
        else f"Database check FAILED: expected {expected} per ballot: {problems}"
    )
    return 1 if problems else 0


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--baseline",
        default=DEFAULT_BASELINE,
        metavar="REF",
        help="git ref of the tree to compare with (default: main before issue #11's ballot box, "
        f"{DEFAULT_BASELINE[:7]})",
    )
    parser.add_argument(
        "--rounds", type=int, default=40, help="2-100, the unit of the interval's bootstrap"
    )
    parser.add_argument("--per-round", type=int, default=10, help="electors per tree and round")
    parser.add_argument("--warm-up", type=int, default=10, help="electors per tree, not timed")
    parser.add_argument("--seed", type=int, default=2026, help="of the votes' content")
    options = parser.parse_args()
    if not 2 <= options.rounds <= 100 or not 1 <= options.per_round <= 200:
        parser.error("--rounds must be 2-100 and --per-round 1-200")
    if not 0 <= options.warm_up <= 100:
        parser.error("--warm-up must be 0-100")
    return options


def git(*arguments: str) -> str:
    done = subprocess.run(["git", *arguments], cwd=ROOT, text=True, capture_output=True)
    if done.returncode:
        raise SystemExit(f"git {' '.join(arguments)} failed: {done.stderr.strip()}")
    return done.stdout


def describe_current(baseline_commit: str) -> str:
    """This tree's branch and commit, and how its code differs from the baseline's."""
    branch = git("rev-parse", "--abbrev-ref", "HEAD").strip()
    head = git("rev-parse", "--short", "HEAD").strip()
    # Outside bench/ only: the bench's own files are not the code under test.
    changed = git("diff", "--name-only", baseline_commit, "--", ".", ":(exclude)bench").split()
    untracked = git("ls-files", "--others", "--exclude-standard", "--", ".", ":(exclude)bench")
    changed += untracked.split()
    same = "the same code as the baseline" if not changed else f"{len(changed)} files differ"
    return f"{ROOT} ({branch} at {head}, working tree: {same} outside bench/)"


def planned_votes(kind: str, electors: int, seed: int) -> list[dict[str, str]]:
    """Each elector's vote as the form's fields, the same in both trees: a ranking of 1 to 12
    candidates (unranked ones sent empty, as a browser sends every select), or yes/no/abstain."""
    rng = random.Random(f"{seed}-{kind}")
    planned = []
    for _ in range(electors):
        if kind == "yesno":
            planned.append({"choice": rng.choices(["yes", "no", "abstain"], [5, 4, 1])[0]})
            continue
        order = rng.sample(range(OPTIONS), rng.randint(1, OPTIONS))
        ranks = {position: str(rank) for rank, position in enumerate(order, start=1)}
        planned.append({f"rank-{p}": ranks.get(p, "") for p in range(OPTIONS)})
    return planned


class Databases:
    """One database per tree on the configured engine, dropped at the end."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.configured = os.environ.get("DATABASE_URL", "")
        scheme = urllib.parse.urlsplit(self.configured).scheme
        if not self.configured or scheme == "sqlite":
            self.kind = "SQLite (a temporary file per tree)"
        elif scheme.startswith("postgres"):
            self.kind = "PostgreSQL (a temporary database per tree)"
        else:
            raise SystemExit(
                f"DATABASE_URL: only SQLite and PostgreSQL are supported, not {scheme}"
            )
        self.made: list[str] = []

    def make(self, label: str) -> str:
        if not self.configured.startswith("postgres"):
            return f"sqlite:///{self.work / f'{label}.sqlite3'}"
        parts = urllib.parse.urlsplit(self.configured)
        name = f"{parts.path.lstrip('/') or 'groundwork'}_vote_{label}"[:63]
        with self._server() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # a crashed run's
            connection.execute(f'CREATE DATABASE "{name}"')
        self.made.append(name)
        return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))

    def drop(self) -> None:
        for name in self.made:
            try:
                with self._server() as connection:
                    connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            except Exception as error:  # cleaning up must not hide the run's own error
                print(f"Warning: could not drop the database {name}: {error}", file=sys.stderr)
        self.made = []

    def _server(self):
        import psycopg

        parts = urllib.parse.urlsplit(self.configured)
        return psycopg.connect(
            urllib.parse.urlunsplit(parts._replace(path="/postgres")), autocommit=True
        )


def environment(tree: Tree) -> dict[str, str]:
    """The tree's code first on sys.path, on its own database, with the bench settings."""
    return (
        os.environ | SERVER_ENV | {"DATABASE_URL": tree.database_url, "PYTHONPATH": str(tree.path)}
    )


def run_in(tree: Tree, *command: str, timeout: int = 600) -> str:
    done = subprocess.run(
        [str(PYTHON), *command], cwd=tree.path, env=environment(tree),
        text=True, capture_output=True, timeout=timeout,
    )  # fmt: skip
    if done.returncode:
        raise BenchError(f"{tree.label}: {' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def run_setup_script(tree: Tree, *arguments: str) -> dict:
    """Run the set-up script with the tree's code; check that it was the tree's code."""
    output = run_in(tree, str(SETUP), *arguments)
    found = re.search(r"^RESULT (.*)$", output, re.MULTILINE)
    if not found:
        raise BenchError(f"{tree.label}: the set-up script printed no result:\n{output}")
    answer = json.loads(found.group(1))
    if Path(answer["code"]) != tree.path.resolve():
        raise BenchError(f"{tree.label}: ran the code in {answer['code']}, not {tree.path}")
    return answer


def prepare(tree: Tree, databases: Databases, electors: int) -> None:
    print(f"Preparing the {tree.label} tree: {tree.about}", flush=True)
    tree.database_url = databases.make(tree.label)
    run_in(tree, "manage.py", "migrate", "--noinput", "-v0", "--skip-checks")
    run_in(tree, "manage.py", "collectstatic", "--noinput", "-v0", "--skip-checks")
    made = run_setup_script(tree, "set-up", "--electors", str(electors), "--options", str(OPTIONS))
    tree.ballots, tree.cookies = made["ballots"], made["cookies"]
    sealed = "sealed ballots (tellers)" if made["sealed"] else "today's secret ballots"
    print(f"  {electors} electors, ballots {tree.ballots}; {sealed}", flush=True)


def count_votes(tree: Tree) -> dict[str, dict]:
    ids = [str(pk) for pk in tree.ballots.values()]
    found = run_setup_script(tree, "count", *[f"--ballot={pk}" for pk in ids])["ballots"]
    return {kind: found[str(pk)] for kind, pk in tree.ballots.items()}


def start_server(tree: Tree) -> None:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        tree.port = probe.getsockname()[1]
    tree.log.parent.mkdir(exist_ok=True)
    log = open(tree.log, "w")  # noqa: SIM115 (lives as long as the server)
    tree.server = subprocess.Popen(
        [str(GUNICORN), "config.wsgi:application", "--chdir", str(tree.path),
         "--pythonpath", str(tree.path), "--workers", "2", "--worker-class", "sync",
         "--bind", f"{HOST}:{tree.port}", "--log-level", "warning"],
        cwd=tree.path, env=environment(tree), stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip


def wait_until_up(tree: Tree) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if tree.server is None or tree.server.poll() is not None:
            raise BenchError(f"{tree.label}: gunicorn exited at start; see {tree.log}")
        try:
            if request(tree, "GET", "/healthz")[0] == 200:
                return
        except OSError:  # refused or reset while the workers boot
            pass
        time.sleep(0.3)
    raise BenchError(f"{tree.label}: gunicorn did not answer within 30 s; see {tree.log}")


def stop_server(tree: Tree) -> None:
    """Stop gunicorn, master and workers (it runs in a process group of its own)."""
    if tree.server is None or tree.server.poll() is not None:
        return
    os.killpg(tree.server.pid, signal.SIGTERM)
    try:
        tree.server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(tree.server.pid, signal.SIGKILL)
        tree.server.wait()


def remove_worktree(path: Path) -> None:
    if path.exists():
        done = subprocess.run(
            ["git", "worktree", "remove", "--force", str(path)],
            cwd=ROOT, capture_output=True, text=True,
        )  # fmt: skip
        if done.returncode:
            shutil.rmtree(path, ignore_errors=True)
    subprocess.run(["git", "worktree", "prune"], cwd=ROOT, capture_output=True)


def request(
    tree: Tree, method: str, path: str, body: str = "", headers: dict[str, str] | None = None
) -> tuple[int, list[tuple[str, str]], bytes, float]:
    """(status, headers, body, seconds from connecting to the answer's last byte)."""
    began = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, tree.port, timeout=REQUEST_TIMEOUT)
    try:
        connection.request(method, path, body=body or None, headers=headers or {})
        response = connection.getresponse()
        content = response.read()
    finally:
        connection.close()
    return response.status, response.getheaders(), content, time.perf_counter() - began


def cast_vote(tree: Tree, kind: str, elector: int, vote: dict[str, str]) -> tuple[float, float]:
    """One elector votes as a browser would; returns the seconds of the GET and of the POST."""
    path = f"/ballots/{tree.ballots[kind]}/"
    session = tree.cookies[elector]
    status, headers, page, got_in = request(tree, "GET", path, headers={"Cookie": session})
    if status != 200 or b'id="vote-form"' not in page:
        raise BenchError(f"{tree.label}: {path} answered {status} without its vote form")
    csrf = next(
        (v.split(";")[0] for k, v in headers if k.lower() == "set-cookie" and "csrftoken=" in v),
        None,
    )
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if csrf is None or token is None:
        raise BenchError(f"{tree.label}: {path} gave no CSRF cookie or token")
    origin = f"http://{HOST}:{tree.port}"
    status, _, answer, cast_in = request(
        tree,
        "POST",
        path,
        urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1).decode(), **vote}),
        {"Cookie": f"{session}; {csrf}", "Origin": origin, "Referer": origin + path,
         "Content-Type": "application/x-www-form-urlencoded"},
    )  # fmt: skip
    if status != 200 or b'id="vote-error"' in answer:
        refused = re.search(rb'id="vote-error".*?<a [^>]*>([^<]*)', answer, re.DOTALL)
        reason = refused.group(1).decode() if refused else answer[:200].decode(errors="replace")
        raise BenchError(f"{tree.label}: elector {elector}'s {kind} vote: {status} {reason}")
    return got_in, cast_in


def run_round(trees: list[Tree], number: int, options: argparse.Namespace, votes: dict) -> None:
    """`per_round` electors of each tree, the trees taking turns elector by elector (A B, then
    B A, ...), so that a burst of load from elsewhere, or a drift, falls on both alike."""
    for tree in trees:
        for key in [(kind, request) for kind in KINDS for request in REQUESTS]:
            tree.times.setdefault(key, []).append([])
    first = options.warm_up + number * options.per_round
    for elector in range(first, first + options.per_round):
        for tree in trees if elector % 2 == 0 else trees[::-1]:
            for kind in KINDS:
                got_in, cast_in = cast_vote(tree, kind, elector, votes[kind][elector])
                tree.times[kind, "get"][-1].append(got_in)
                tree.times[kind, "post"][-1].append(cast_in)


def report(
    trees: list[Tree], options: argparse.Namespace, database: str, load_before: str, took: float
) -> None:
    baseline, current = trees
    print()
    print(f"Baseline: {baseline.about}")
    print(f"Current:  {current.about}")
    print(
        f"{database}; gunicorn 2 sync workers per tree, DEBUG off; one request at a time on "
        f"loopback; {options.rounds} rounds of {options.per_round} electors per tree, the trees "
        f"taking turns elector by elector, each elector voting once in each ballot (after "
        f"{options.warm_up} electors of warm-up per tree); {os.cpu_count()} cores; load average "
        f"{load_before} before, {load_average()} after; {took:.0f} s in all"
    )
    print()
    print(
        "| ballot | request | baseline median ms (p25-p75) | current median ms (p25-p75) "
        "| current / baseline | 95% interval |"
    )
    print("|---|---|---:|---:|---:|---:|")
    ratios, intervals = {}, {}
    for kind, ballot in KINDS.items():
        for name, what in REQUESTS.items():
            rounds_a, rounds_b = baseline.times[kind, name], current.times[kind, name]
            ratio = ratio_of_medians(rounds_a, rounds_b)
            low, high = bootstrap_interval(rounds_a, rounds_b, options.seed)
            ratios[kind, name], intervals[kind, name] = ratio, (low, high)
            print(
                f"| {ballot} | {what} | {summary(rounds_a)} | {summary(rounds_b)} | "
                f"{ratio:.3f} | {low:.3f}-{high:.3f} |"
            )
    print()
    print(
        "95% interval: of the ratio, resampling the rounds (each with both trees' requests) "
        "with replacement, 2,000 times."
    )
    worst = max(ratios[kind, "post"] for kind in KINDS)
    if "the same code" in current.about:
        print(
            f"Both trees hold the same code: this run measures the harness's noise floor "
            f"(largest ratio of casting {worst:.3f}), not issue #11."
        )
        return
    highest = max(intervals[kind, "post"][1] for kind in KINDS)
    highest_low = max(intervals[kind, "post"][0] for kind in KINDS)
    # Met only if the whole interval is within 20%; not met only if all of it is beyond.
    verdict = "met" if highest <= 1.20 else "NOT met" if highest_low > 1.20 else "on the line"
    print(
        f"Issue #11, casting a secret vote within 20% of the baseline's time per request: "
        f"{verdict} (largest ratio {worst:.3f}; intervals up to {highest:.3f})"
    )


def ratio_of_medians(rounds_a: list[list[float]], rounds_b: list[list[float]]) -> float:
    """The current tree's median time per request over the baseline's, all rounds pooled."""
    a = [seconds for block in rounds_a for seconds in block]
    b = [seconds for block in rounds_b for seconds in block]
    return statistics.median(b) / statistics.median(a)


def bootstrap_interval(
    rounds_a: list[list[float]], rounds_b: list[list[float]], seed: int, draws: int = 2000
) -> tuple[float, float]:
    """A 95% interval of the ratio: rounds drawn with replacement, each keeping both trees'
    requests together, so that what the machine did during a round weighs on both."""
    rng = random.Random(seed)
    count = len(rounds_a)
    ratios = []
    for _ in range(draws):
        picked = [rng.randrange(count) for _ in range(count)]
        ratios.append(
            ratio_of_medians([rounds_a[i] for i in picked], [rounds_b[i] for i in picked])
        )
    ratios.sort()
    return ratios[int(0.025 * draws)], ratios[int(0.975 * draws) - 1]


def summary(rounds: list[list[float]]) -> str:
    seconds = [each for block in rounds for each in block]
    quartiles = statistics.quantiles(seconds, n=4)
    return (
        f"{statistics.median(seconds) * 1000:.2f} "
        f"({quartiles[0] * 1000:.2f}-{quartiles[2] * 1000:.2f})"
    )


def load_average() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())

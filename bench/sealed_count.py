"""Counting a sealed secret ballot of 250,000 votes in the job worker, against a roll call's count.

    DATABASE_URL=postgres://... .venv/bin/python bench/sealed_count.py [--rounds 3]
        [--electors 250000] [--seed 2026] [--keep]

Issue #11 asks that decrypting and counting 250,000 secret votes at the close takes under 30 s in
the job worker. PostgreSQL only (the production engine, and the one COPY serves): a temporary
database `<DATABASE_URL's name>_sealed_count` on DATABASE_URL's server, migrated, dropped at the
end (kept with --keep).

Set-up (not timed): one group of `--electors` members, its organiser and 3 of them tellers (2
needed), each teller taking a real key; four ballots of the group opened with the real action
(electorate snapshot, sealed box): a secret STV ballot (Scottish STV, 12 candidates, 4 seats) and
a secret yes / no one, and the same two as roll calls (not secret). Every member votes in each:
ranked votes from a fixed-seed model of a real election (candidates of unequal popularity, most
voters ranking a few, some ranking all), and yes / no / abstain 5:4:1. The secret votes are
encoded and sealed with `ballot_box`'s real functions (what `check_cast_vote` stores) and written
in bulk; the roll-call votes are the same votes, written with their voters. Voting is then closed
with the real action, so the secret ballots wait for their tellers.

Each round, for each kind (STV, yes / no), in alternating order: the secret ballot's count, as it
runs in production (two tellers give their shares with `check_give_share`, whose commit enqueues
`count_sealed_ballot`; the worker opens the box, writes the votes shuffled, counts, publishes),
and the baseline, the roll call's count through the same close path (`close_ballot_at_deadline`
enqueued; the worker reads the 250,000 votes, counts, publishes). One real worker (`manage.py
db_worker`, polling every 0.1 s) runs the jobs on the bench database. The figure is the job's
time from enqueued to finished, read from the task result's own timestamps in the database
(`started`→`finished` is printed too); between rounds, each ballot is put back as it was before
its count (published votes, decision and result removed, the tellers' shares sealed again) and
the votes table vacuumed. Every count is checked: the ballot closed, every vote written and
counted, the same result as its roll-call twin.

Then, not in the worker: one count of each kind run in this process with timers around its parts
(read + decrypt, write, count, publish, the rest), for where the time goes.

Bounded: a fixed number of jobs, each with a time limit, and an overall limit; no network beyond
the database. Stops the worker and drops the database at the end, also on error and on Ctrl-C.
"""

import argparse
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable)  # the project's venv python
WORKER_LOG = ROOT / "var" / "bench-sealed-count-worker.log"
MAX_SECONDS = 60 * 60  # the whole run, set-up included
JOB_TIMEOUT = 300  # one count
TARGET_SECONDS = 30
OPTIONS = 12
SEATS = 4
TELLERS, TELLERS_NEEDED = 3, 2
CANDIDATES = [
    "Amira Okafor", "Ben Hallam", "Ceri Jones", "Deepa Raman", "Eilidh Ross", "Femi Adebayo",
    "Gwen Price", "Hamza Iqbal", "Isla Murray", "Jonah Reid", "Kiran Shah", "Lowri Evans",
]  # fmt: skip
# A real election's shape: a few strong candidates, a long tail; most rank a few, some rank all.
POPULARITY = [18, 15, 13, 11, 9, 8, 7, 6, 5, 4, 2, 2]
RANKED = [20, 18, 15, 12, 9, 7, 5, 4, 3, 2, 2, 3]  # how many rank 1, 2, ... 12 candidates
KINDS = {"stv": f"STV (Scottish), {OPTIONS} candidates, {SEATS} seats", "yesno": "yes / no"}

BENCH_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "DEBUG": "false",
    "ALLOWED_HOSTS": "127.0.0.1",
    # The bench process (tellers giving shares) and the worker (opening them) must share it.
    "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789-abcdefghijklmnop",
    "SECURE_SSL_REDIRECT": "false",
    "DATABASE_CONN_MAX_AGE": "60",
    "LOG_LEVEL": "WARNING",
    "REDIS_URL": "",
    "TASKS_BACKEND": "database",
    "GROUNDWORK_TESTING": "false",
}


class BenchError(Exception):
    """The run cannot go on; the message says why."""


@dataclass
class Job:
    kind: str
    sealed: bool
    enqueued_to_finished: float
    started_to_finished: float


@dataclass
class Bench:
    electors: int
    server_version: str = ""
    ballots: dict[tuple[str, bool], int] = field(default_factory=dict)  # (kind, sealed) -> pk
    codes: dict[int, str] = field(default_factory=dict)  # teller's user id -> teller key
    shares: dict[int, list[tuple[int, int, bytes]]] = field(default_factory=dict)
    jobs: list[list[Job]] = field(default_factory=list)  # per round


def main() -> int:
    options = parse_arguments()
    database_url = bench_database_url()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.monotonic()
    load_before = load_average()
    worker: subprocess.Popen | None = None
    made = False
    try:
        recreate_database(database_url)
        made = True
        os.environ.update(BENCH_ENV | {"DATABASE_URL": database_url})
        run_manage("migrate", "--noinput", "-v0", "--skip-checks")
        import django

        django.setup()
        bench = Bench(electors=options.electors)
        set_up(bench, options.seed)
        print(f"Set up in {time.monotonic() - started:.0f} s", flush=True)
        worker = start_worker()
        wait_until_ready()
        for number in range(options.rounds):
            bench.jobs.append(run_round(bench, number))
            if time.monotonic() - started > MAX_SECONDS:
                raise BenchError(f"stopped: the run passed its limit of {MAX_SECONDS} s")
        stop_worker(worker)
        worker = None
        parts = {kind: where_the_time_goes(bench, kind) for kind in KINDS}
    except BenchError as error:
        print(f"Sealed count bench failed: {error}", file=sys.stderr)
        return 1
    finally:
        stop_worker(worker)
        if made and not options.keep:
            drop_database(database_url)
    report(bench, parts, options, load_before, time.monotonic() - started)
    return 0


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="1-20")
    parser.add_argument("--electors", type=int, default=250_000, help="voters per ballot")
    parser.add_argument("--seed", type=int, default=2026, help="of the votes' content")
    parser.add_argument("--keep", action="store_true", help="keep the bench database")
    options = parser.parse_args()
    if not 1 <= options.rounds <= 20:
        parser.error("--rounds must be 1-20")
    if not TELLERS + 1 <= options.electors <= 1_000_000:
        parser.error(f"--electors must be {TELLERS + 1}-1,000,000")
    return options


# The database -----------------------------------------------------------------------------


def bench_database_url() -> str:
    configured = os.environ.get("DATABASE_URL", "")
    parts = urllib.parse.urlsplit(configured)
    if not parts.scheme.startswith("postgres"):
        raise SystemExit(
            "bench/sealed_count.py measures the count on PostgreSQL, the production engine (it "
            "writes the opened votes with COPY there): set DATABASE_URL=postgres://... "
            f"(found {configured or 'nothing'}; SQLite is not measured)."
        )
    name = f"{parts.path.lstrip('/') or 'groundwork'}_sealed_count"[:63]
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


@contextmanager
def server(database_url: str):
    import psycopg

    parts = urllib.parse.urlsplit(database_url)
    with psycopg.connect(
        urllib.parse.urlunsplit(parts._replace(path="/postgres")), autocommit=True
    ) as connection:
        yield connection, urllib.parse.unquote(parts.path.lstrip("/"))


def recreate_database(database_url: str) -> None:
    with server(database_url) as (connection, name):
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # a crashed run's
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(database_url: str) -> None:
    from django.db import connections

    connections.close_all()
    try:
        with server(database_url) as (connection, name):
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    except Exception as error:  # cleaning up must not hide the run's own error
        print(f"Warning: could not drop the bench database: {error}", file=sys.stderr)


def run_manage(*arguments: str) -> None:
    done = subprocess.run(
        [str(PYTHON), "manage.py", *arguments], cwd=ROOT, text=True, capture_output=True
    )
    if done.returncode:
        raise BenchError(f"manage.py {' '.join(arguments)} failed:\n{done.stdout}{done.stderr}")


# Set-up (not timed) -----------------------------------------------------------------------


def planned_votes(kind: str, count: int, seed: int) -> list[dict]:
    """Each member's vote, as validated when cast; the same in the secret ballot and its twin."""
    rng = random.Random(f"{seed}-{kind}")
    if kind == "yesno":
        return [{"choice": c} for c in rng.choices(["yes", "no", "abstain"], [5, 4, 1], k=count)]
    votes = []
    for length in rng.choices(range(1, OPTIONS + 1), RANKED, k=count):
        left, weights, ranking = list(range(OPTIONS)), list(POPULARITY), []
        for _ in range(length):
            index = rng.choices(range(len(left)), weights)[0]
            ranking.append(left.pop(index))
            weights.pop(index)
        votes.append({"ranking": ranking})
    return votes


def set_up(bench: Bench, seed: int) -> None:
    from django.db import connection, transaction
    from django_tasks_db.models import DBTaskResult

    from groundwork.democracy import actions
    from groundwork.democracy.models import Ballot

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        bench.server_version = cursor.fetchone()[0]
    began = time.monotonic()
    group, members = make_group(bench.electors)
    organiser, tellers = members[0], members[1 : 1 + TELLERS]
    actions.check_appoint_tellers(
        group, tellers=tellers, needed=TELLERS_NEEDED, acting_user=organiser
    )
    for teller in tellers:
        bench.codes[teller.pk] = actions.check_take_teller_key(group, acting_user=teller)
    print(f"  {bench.electors:,} members and their tellers: {time.monotonic() - began:.0f} s")
    for kind in KINDS:
        votes = planned_votes(kind, bench.electors, seed)
        for sealed in (True, False):
            began = time.monotonic()
            method = Ballot.Method.STV_SCOTTISH if kind == "stv" else Ballot.Method.MAJORITY
            with transaction.atomic():
                ballot = actions.do_create_ballot(
                    group=group, spec=spec(method, sealed), acting_user=organiser
                )
                ballot = actions.check_open_ballot(ballot, acting_user=organiser)
            cast_votes(ballot, votes)
            bench.ballots[kind, sealed] = ballot.pk
            print(
                f"  {'secret' if sealed else 'roll-call'} {kind} ballot {ballot.pk}, "
                f"{bench.electors:,} votes cast: {time.monotonic() - began:.0f} s",
                flush=True,
            )
    close_voting(bench)
    # The opening's jobs (telling 250,000 electors, reminders) are not what is measured.
    DBTaskResult.objects.all().delete()


def spec(method: str, sealed: bool):
    from datetime import timedelta

    from django.utils import timezone

    from groundwork.democracy import actions

    ranked = method != "majority"
    return actions.BallotSpec(
        title=f"Bench: {'officers of the group' if ranked else 'occupy the town hall steps?'}",
        closes_at=timezone.now() + timedelta(days=7),
        method=method,
        options=CANDIDATES[:OPTIONS] if ranked else [],
        seats=SEATS if ranked else 1,
        secret=sealed,
    )


def make_group(count: int) -> tuple:
    """A group of `count` members (accounts written in bulk; the first is its organiser)."""
    from groundwork.groups import actions as group_actions
    from groundwork.groups.models import Group, Membership
    from groundwork.members.models import User

    group = Group.objects.create(
        name="Bench counting group", slug="bench-counting-group", area_name="Southwark",
        ons_code="E09000028", join_policy=Group.JoinPolicy.OPEN,
    )  # fmt: skip
    User.objects.bulk_create(
        (
            User(email=f"bench.member{n}@example.net", display_name=f"Member {n}", password="!")
            for n in range(count)
        ),
        batch_size=5000,
    )
    members = list(User.objects.filter(email__startswith="bench.member").order_by("pk"))
    Membership.objects.bulk_create(
        (Membership(group=group, user=member) for member in members[1:]), batch_size=5000
    )
    group_actions.do_appoint_organiser(group, members[0], acting_user=None)
    Group.objects.filter(pk=group.pk).update(member_count=count)
    return group, members


def cast_votes(ballot, votes: list[dict]) -> None:
    """Every elector's vote, stored as `check_cast_vote` stores it (sealed if secret), in bulk."""
    import uuid

    from django.db import connection, transaction
    from django.utils import timezone

    from groundwork.democracy import ballot_box
    from groundwork.democracy.models import Ballot, CastVote, Elector, SealedVote, VotingDay

    electors = list(
        Elector.objects.filter(ballot=ballot).order_by("user_id").values_list("pk", "user_id")
    )
    if len(electors) != len(votes):
        raise BenchError(f"ballot {ballot.pk} has {len(electors)} electors for {len(votes)} votes")
    with transaction.atomic():
        if ballot.secret:
            options, key = ballot.options.count(), bytes(ballot.box_public_key)
            table = SealedVote._meta.db_table
            with (
                connection.cursor() as cursor,
                cursor.copy(
                    f"COPY {table} (id, ballot_id, elector_id, ciphertext, tracker) FROM STDIN"
                ) as copy,
            ):
                for (elector_id, _), vote in zip(electors, votes, strict=True):
                    plain = ballot_box.encode_vote(vote, weight=1, options=options)
                    sealed = ballot_box.seal_vote(plain, key)
                    tracker = ballot_box.tracker(sealed)
                    copy.write_row((uuid.uuid4(), ballot.pk, elector_id, sealed, tracker))
        else:
            # The same votes with their voters, as a roll call stores them.
            table = CastVote._meta.db_table
            with (
                connection.cursor() as cursor,
                cursor.copy(
                    f"COPY {table} (id, ballot_id, content, weight, voter_id) FROM STDIN"
                ) as copy,
            ):
                for (_, user_id), vote in zip(electors, votes, strict=True):
                    copy.write_row((uuid.uuid4(), ballot.pk, json.dumps(vote), 1, user_id))
        today = timezone.localdate()
        Elector.objects.filter(ballot=ballot).update(voted_on=today)
        Ballot.objects.filter(pk=ballot.pk).update(votes_cast=len(votes))
        VotingDay.objects.create(ballot=ballot, day=today, votes=len(votes))


def close_voting(bench: Bench) -> None:
    """Voting closes (the real action): the secret ballots wait for their tellers; keep the
    shares as sealed then, to put them back before each round."""
    from datetime import timedelta

    from django.utils import timezone

    from groundwork.democracy import actions
    from groundwork.democracy.models import Ballot, KeyShare

    for (_, sealed), pk in bench.ballots.items():
        Ballot.objects.filter(pk=pk).update(closes_at=timezone.now() - timedelta(minutes=1))
        if sealed:
            ballot = actions.do_close_ballot(Ballot.objects.get(pk=pk))
            if ballot.status != Ballot.Status.COUNTING:
                raise BenchError(f"secret ballot {pk} is {ballot.status}, not waiting to count")
            bench.shares[pk] = [
                (teller, number, bytes(share))
                for teller, number, share in KeyShare.objects.filter(ballot_id=pk).values_list(
                    "teller_id", "number", "sealed_share"
                )
            ]


# The rounds -------------------------------------------------------------------------------


def start_worker() -> subprocess.Popen:
    WORKER_LOG.parent.mkdir(exist_ok=True)
    log = open(WORKER_LOG, "w")  # noqa: SIM115 (lives as long as the worker)
    return subprocess.Popen(
        [str(PYTHON), "manage.py", "db_worker", "--interval", "0.1", "--no-startup-delay",
         "--no-reload", "--worker-id", "bench-sealed-count"],
        cwd=ROOT, env=os.environ.copy(), stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip


def wait_until_ready() -> None:
    """Wait until the worker has booted and run a job (one with nothing to do), so the first
    round's figure is not the worker's start-up."""
    from groundwork.democracy import tasks

    waited, _, answer = wait_for(str(tasks.close_ballot_at_deadline.enqueue(0).id))
    print(f"Worker ready ({waited:.1f} s to boot and run an empty job: {answer!r})", flush=True)


def stop_worker(worker: subprocess.Popen | None) -> None:
    if worker is None or worker.poll() is not None:
        return
    os.killpg(worker.pid, signal.SIGTERM)
    try:
        worker.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()


def reset(bench: Bench, pk: int, *, sealed: bool) -> None:
    """Put the ballot back as it was before its count, and vacuum what the last count left."""
    from django.db import connection, transaction

    from groundwork.democracy.models import Ballot, CastVote, Decision, KeyShare

    with transaction.atomic():
        if sealed:
            CastVote.objects.filter(ballot_id=pk).delete()
            KeyShare.objects.filter(ballot_id=pk).delete()
            KeyShare.objects.bulk_create(
                KeyShare(ballot_id=pk, teller_id=teller, number=number, sealed_share=share)
                for teller, number, share in bench.shares[pk]
            )
        Decision.objects.filter(ballot_id=pk).delete()
        Ballot.objects.filter(pk=pk).update(
            status=Ballot.Status.COUNTING if sealed else Ballot.Status.OPEN,
            result=None,
            closed_at=None if not sealed else Ballot.objects.get(pk=pk).closed_at,
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE democracy_castvote")


def enqueue_count(bench: Bench, pk: int, *, sealed: bool) -> str:
    """Start the count as production does; returns the job's id."""
    from django_tasks_db.models import DBTaskResult

    from groundwork.democracy import actions, tasks
    from groundwork.democracy.models import Ballot, KeyShare
    from groundwork.members.models import User

    if not sealed:
        return str(tasks.close_ballot_at_deadline.enqueue(pk).id)
    before = set(DBTaskResult.objects.values_list("id", flat=True))
    givers = KeyShare.objects.filter(ballot_id=pk).order_by("number")[:TELLERS_NEEDED]
    for share in list(givers):
        teller = User.objects.get(pk=share.teller_id)
        actions.check_give_share(
            Ballot.objects.get(pk=pk), code=bench.codes[teller.pk], acting_user=teller
        )
    new = DBTaskResult.objects.exclude(id__in=before).filter(
        task_path__endswith="count_sealed_ballot"
    )
    if new.count() != 1:
        raise BenchError(f"the tellers' shares enqueued {new.count()} counts of ballot {pk}")
    return str(new.get().id)


def wait_for(job_id: str) -> tuple[float, float, object]:
    from django_tasks_db.models import DBTaskResult

    deadline = time.monotonic() + JOB_TIMEOUT
    while time.monotonic() < deadline:
        job = DBTaskResult.objects.get(id=job_id)
        if job.finished_at is not None:
            if job.status != "SUCCESSFUL":
                raise BenchError(f"job {job_id} {job.status}: {job.traceback}")
            assert job.started_at is not None
            return (
                (job.finished_at - job.enqueued_at).total_seconds(),
                (job.finished_at - job.started_at).total_seconds(),
                job.return_value,
            )
        time.sleep(0.05)
    raise BenchError(f"job {job_id} did not finish within {JOB_TIMEOUT} s; see {WORKER_LOG}")


def run_round(bench: Bench, number: int) -> list[Job]:
    jobs = []
    for kind in KINDS:
        # Alternate which goes first, so a drift in the machine's load falls on both alike.
        order = (True, False) if number % 2 == 0 else (False, True)
        for sealed in order:
            pk = bench.ballots[kind, sealed]
            reset(bench, pk, sealed=sealed)
            waited, ran, answer = wait_for(enqueue_count(bench, pk, sealed=sealed))
            check_count(bench, kind, sealed, answer)
            jobs.append(Job(kind, sealed, waited, ran))
            print(
                f"Round {number + 1}, {kind}, {'secret' if sealed else 'roll call'}: "
                f"enqueued→finished {waited:.2f} s, started→finished {ran:.2f} s",
                flush=True,
            )
    return jobs


def check_count(bench: Bench, kind: str, sealed: bool, answer: object) -> None:
    """The ballot closed with every vote written and counted, and (once both are counted) the
    secret ballot's result is its roll-call twin's."""
    from groundwork.democracy.models import Ballot, CastVote

    ballot = Ballot.objects.get(pk=bench.ballots[kind, sealed])
    expected_answer = "counted" if sealed else "closed"
    written = CastVote.objects.filter(ballot=ballot).count()
    result = ballot.result or {}
    if (
        answer != expected_answer
        or ballot.status != Ballot.Status.CLOSED
        or written != bench.electors
        or result.get("votes_cast") != bench.electors
    ):
        raise BenchError(
            f"{kind} ballot {ballot.pk}: job answered {answer!r}, status {ballot.status}, "
            f"{written} votes written, {result.get('votes_cast')} counted"
        )
    twin = Ballot.objects.get(pk=bench.ballots[kind, not sealed]).result
    if twin and essentials(twin) != essentials(result):
        raise BenchError(f"{kind}: the secret and roll-call results differ: {result} / {twin}")


def essentials(result: dict) -> tuple:
    count = result["count"]
    return (result["passed"], count.get("elected"), count.get("yes"), count.get("no"))


# Where the time goes (in this process) ----------------------------------------------------


def where_the_time_goes(bench: Bench, kind: str) -> dict[str, dict[str, float]]:
    """One count of each ballot of `kind`, run here with timers around its parts."""
    from django_tasks_db.models import DBTaskResult

    from groundwork.democracy import actions, ballot_box
    from groundwork.democracy.actions import closing
    from groundwork.democracy.models import Ballot, SealedVote

    parts = {}
    for sealed in (True, False):
        pk = bench.ballots[kind, sealed]
        reset(bench, pk, sealed=sealed)
        if sealed:
            enqueue_count(bench, pk, sealed=True)
            DBTaskResult.objects.all().delete()  # no worker runs it: counted here instead
        spent: dict[str, float] = {}
        timers = [
            (ballot_box, "open_votes", "read + decrypt"),
            (closing, "write_opened_votes", "write (COPY)"),
            (closing, "count_votes", "count"),
            (closing, "_publish", "publish (count included)"),
        ]
        with timed(timers, spent):
            began = time.perf_counter()
            if sealed:
                answer = actions.do_count_sealed_ballot(Ballot.objects.get(pk=pk))
            else:
                actions.do_close_ballot(Ballot.objects.get(pk=pk))
                answer = "closed"
            spent["whole count"] = time.perf_counter() - began
        timed_parts = ("read + decrypt", "write (COPY)", "publish (count included)")
        # The key, decoding, shuffling, reading the roll call's votes, settling, committing.
        spent["the rest"] = spent["whole count"] - sum(spent.get(part, 0) for part in timed_parts)
        check_count(bench, kind, sealed, answer)
        if sealed:
            began = time.perf_counter()
            read = SealedVote.objects.filter(ballot_id=pk).values_list("ciphertext", flat=True)
            sum(1 for _ in read.iterator(chunk_size=5000))
            spent["read alone (again, after)"] = time.perf_counter() - began
        parts["secret" if sealed else "roll call"] = spent
    return parts


@contextmanager
def timed(timers: Sequence[tuple[object, str, str]], spent: dict[str, float]):
    originals = []
    for module, name, label in timers:
        original = getattr(module, name)
        originals.append((module, name, original))
        setattr(module, name, stopwatch(original, label, spent))
    try:
        yield
    finally:
        for module, name, original in originals:
            setattr(module, name, original)


def stopwatch(function: Callable, label: str, spent: dict[str, float]) -> Callable:
    def timed_call(*arguments, **keywords):
        began = time.perf_counter()
        try:
            return function(*arguments, **keywords)
        finally:
            spent[label] = spent.get(label, 0.0) + time.perf_counter() - began

    return timed_call


# The report -------------------------------------------------------------------------------


def report(
    bench: Bench, parts: dict, options: argparse.Namespace, load_before: str, took: float
) -> None:
    import django

    print()
    print(
        f"PostgreSQL {bench.server_version}, Django {django.get_version()}, django-tasks-db worker "
        f"(db_worker, polling every 0.1 s); {bench.electors:,} votes per ballot; "
        f"{options.rounds} rounds; {os.cpu_count()} cores; load average {load_before} before, "
        f"{load_average()} after; {took:.0f} s in all"
    )
    print()
    print(
        "| ballot | count | enqueued→finished, each round (s) | median (s) "
        "| started→finished median (s) | secret / roll call (medians) |"
    )
    print("|---|---|---|---:|---:|---:|")
    verdicts = []
    for kind, about in KINDS.items():
        jobs = {
            sealed: [
                j for each in bench.jobs for j in each if j.kind == kind and j.sealed == sealed
            ]
            for sealed in (True, False)
        }
        medians = {
            sealed: statistics.median(j.enqueued_to_finished for j in jobs[sealed])
            for sealed in jobs
        }
        for sealed in (True, False):
            ratio = f"{medians[True] / medians[False]:.2f}" if sealed else ""
            print(
                f"| {about} | {'secret (sealed)' if sealed else 'roll call (baseline)'} | "
                f"{', '.join(f'{j.enqueued_to_finished:.2f}' for j in jobs[sealed])} | "
                f"{medians[sealed]:.2f} | "
                f"{statistics.median(j.started_to_finished for j in jobs[sealed]):.2f} | {ratio} |"
            )
        slowest = max(j.enqueued_to_finished for j in jobs[True])
        verdicts.append((about, medians[True], slowest))
    print()
    print("Where the time goes, one count of each run in the bench process (s):")
    for kind, by_count in parts.items():
        for count, spent in by_count.items():
            shown = ", ".join(f"{label} {seconds:.2f}" for label, seconds in spent.items())
            print(f"  {KINDS[kind]}, {count}: {shown}")
    print()
    for about, median, slowest in verdicts:
        met = "met" if slowest < TARGET_SECONDS else "NOT met"
        print(
            f"Issue #11, counting {bench.electors:,} secret votes under {TARGET_SECONDS} s in the "
            f"job worker, {about}: {met} (median {median:.2f} s, slowest round {slowest:.2f} s)"
        )


def load_average() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())

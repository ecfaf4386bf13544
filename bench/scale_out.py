"""Groundwork as production runs it, on loopback: a mixed load through nginx across two app
servers, two job workers, a PostgreSQL primary with a streaming replica, and Redis.

    .venv/bin/python bench/scale_out.py [--duration 60] [--threads 8] [--members 20000] [--groups 200]

Starts, on free loopback ports and in temporary folders: a throwaway PostgreSQL primary
(initdb), Redis (cache, sessions, rate limits), the schema (`migrate`) and a dataset
(`generate_scale`, plus bench/vote_casting_setup.py's group of signed-in electors and two open
ballots), then a streaming replica (pg_basebackup -R), two gunicorn app servers (2 sync workers
each), two `run_worker` job workers, and Debian's nginx in front with deploy/nginx.conf (its
upstream pointed at the two app servers, its listen address at loopback; body cap, timeouts and
headers as shipped). nginx is run with its own prefix and config, never as a system service.

The load is a bounded Python generator (several threads, one keep-alive connection each), not
wrk: every POST needs the CSRF cookie and token of the form it answers and each person keeps
their own cookies (session, CSRF, and the replica pin), which wrk's Lua cannot do per person.
The mix: anonymous pages, signed-in pages, RSVPs (and withdrawing them), votes and petition
signatures. After each RSVP the person reads the event again and must see their own answer
(the router pins them to the primary): a stale page counts as an error.

Reports requests/s, answers by kind and status (every one must be the expected 2xx/3xx), the
share of reads served by the replica (pg_stat_database on each server), the replica lag that
/healthz showed during the run, and the requests each app server (nginx's upstream log) and the
jobs each worker ran. Stops everything it started, also on error, Ctrl-C and `kill`.
"""

import argparse
import base64
import json
import os
import random
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.faults.postgres import (  # noqa: E402
    Cluster,
    free_port,
    new_cluster_folder,
    server_binaries,
    start_replica,
)

PYTHON = Path(sys.executable)
GUNICORN = PYTHON.parent / "gunicorn"
MAX_DURATION = 300
ELECTORS = 300
HOST = "127.0.0.1"

PICK = """
import json
from django.utils import timezone
from groundwork.campaigns.models import Petition
from groundwork.events.models import Event
from groundwork.groups.models import Group
events = list(Event.objects.filter(starts_at__gt=timezone.now(), visibility="public",
    capacity__isnull=True, status="scheduled").order_by("starts_at").values_list("pk", flat=True)[:20])
petitions = list(Petition.objects.filter(status="open", campaign__status="active").order_by("-signature_count").values_list("pk", flat=True)[:5])
groups = [g.get_absolute_url() for g in Group.objects.filter(kind="local").order_by("-member_count")[:5]]
print("ANSWER " + json.dumps({"events": events, "petitions": petitions, "groups": groups}))
"""


@dataclass
class Topology:
    """Everything this run started, so that `stop` can end it all."""

    work: Path
    processes: list[tuple[str, subprocess.Popen]] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)

    def start(self, name: str, command: list[str], environment: dict, **options) -> None:
        log = open(self.work / f"{name}.log", "w")  # noqa: SIM115 (lives as long as the process)
        process = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True, **options,
        )  # fmt: skip
        self.processes.append((name, process))

    def stop(self) -> None:
        for _name, process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for _name, process in reversed(self.processes):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        for cluster in reversed(self.clusters):
            try:
                cluster.stop("fast")
            except subprocess.SubprocessError:
                pass
            shutil.rmtree(cluster.folder, ignore_errors=True)
        shutil.rmtree(self.work, ignore_errors=True)

    def check_alive(self) -> None:
        for name, process in self.processes:
            if process.poll() is not None:
                log = (self.work / f"{name}.log").read_text()[-2000:]
                raise SystemExit(f"{name} exited ({process.returncode}):\n{log}")


def manage(environment: dict, *arguments: str, timeout: int = 900) -> str:
    done = subprocess.run(
        [str(PYTHON), "manage.py", *arguments, "--skip-checks"] if arguments[0] != "shell"
        else [str(PYTHON), "manage.py", *arguments],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip
    if done.returncode:
        raise SystemExit(f"manage.py {arguments[0]} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def answer_of(output: str, marker: str = "ANSWER ") -> dict:
    return json.loads(output.split(marker, 1)[1].splitlines()[0])


def nginx_config(prefix: Path, port: int, app_ports: list[int]) -> Path:
    """deploy/nginx.conf as shipped, its upstream pointed at the app servers and its listen
    address at loopback, inside the few lines a full nginx.conf needs."""
    shipped = (ROOT / "deploy" / "nginx.conf").read_text()
    servers = "".join(f"    server 127.0.0.1:{app};\n" for app in app_ports)
    site, count = re.subn(r"^    server app:8000;\n", servers, shipped, flags=re.MULTILINE)
    site, listens = re.subn(r"listen 80;", f"listen 127.0.0.1:{port};", site)
    if count != 1 or listens != 1:
        raise SystemExit("deploy/nginx.conf changed shape: update bench/scale_out.py")
    for folder in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (prefix / folder).mkdir(parents=True, exist_ok=True)
        (prefix / folder).chmod(0o777)
    config = prefix / "nginx.conf"
    config.write_text(
        f"worker_processes 1;\npid {prefix}/nginx.pid;\nerror_log {prefix}/error.log warn;\n"
        "events { worker_connections 256; }\nhttp {\n"
        f"  client_body_temp_path {prefix}/client_body;\n  proxy_temp_path {prefix}/proxy;\n"
        f"  fastcgi_temp_path {prefix}/fastcgi;\n  uwsgi_temp_path {prefix}/uwsgi;\n"
        f"  scgi_temp_path {prefix}/scgi;\n"
        "  log_format upstream '$status $upstream_addr $request_method';\n"
        f"  access_log {prefix}/access.log upstream;\n{site}}}\n"
    )
    return config


class Browser:
    """One person's cookies, sent on a thread's keep-alive connection to nginx."""

    def __init__(self, port: int, cookie: str = "") -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        if cookie:
            name, value = cookie.split("=", 1)
            self.cookies[name] = value

    def request(self, connection: HTTPConnection, method: str, path: str, form=None):
        origin = f"http://{HOST}:{self.port}"
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers |= {"Content-Type": "application/x-www-form-urlencoded", "Origin": origin,
                        "Referer": origin + path}  # fmt: skip
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
        return response.status, response.getheader("Location", ""), content

    def form(self, connection: HTTPConnection, path: str) -> tuple[int, bytes, str]:
        status, _, page = self.request(connection, "GET", path)
        found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        return status, page, found.group(1).decode() if found else ""


@dataclass
class Tally:
    answers: Counter = field(default_factory=Counter)  # (kind, status) -> count
    unexpected: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, kind: str, status: int, ok: bool, detail: str = "") -> None:
        with self.lock:
            self.answers[(kind, status)] += 1
            if not ok:
                self.unexpected.append(f"{kind}: {status} {detail}"[:300])


def run_load(port: int, picked: dict, voting: dict, options, tally: Tally) -> float:
    """Threads of people doing the mix for `options.duration` seconds; returns the seconds."""
    events, petitions = picked["events"], picked["petitions"]
    anonymous_pages = ["/", "/groups/", "/events/", *picked["groups"]]
    anonymous_pages += [f"/events/{pk}/" for pk in events[:5]] + [
        f"/petitions/{pk}/" for pk in petitions
    ]
    member_pages = ["/home/", "/events/", *[f"/ballots/{pk}/" for pk in voting["ballots"].values()]]
    electors = [Browser(port, cookie) for cookie in voting["cookies"]]
    stop_at = time.monotonic() + options.duration
    signature = iter(range(10**9))
    signature_lock = threading.Lock()

    def person(number: int) -> None:
        rng = random.Random(number)
        mine = electors[number :: options.threads]
        going: set[tuple[int, int]] = set()
        unvoted = [(e, kind) for e in range(len(mine)) for kind in voting["ballots"]]
        rng.shuffle(unvoted)
        connection = HTTPConnection(HOST, port, timeout=30)
        while time.monotonic() < stop_at:
            roll = rng.random()
            try:
                if roll < 0.40:
                    path = rng.choice(anonymous_pages)
                    status, _, _ = Browser(port).request(connection, "GET", path)
                    tally.note("anonymous page", status, status == 200, path)
                elif roll < 0.65 or (roll < 0.75 and not unvoted):
                    path = rng.choice(member_pages)
                    status, _, _ = rng.choice(mine).request(connection, "GET", path)
                    tally.note("signed-in page", status, status == 200, path)
                elif roll < 0.75:
                    index, kind = unvoted.pop()
                    vote(connection, mine[index], kind)
                elif roll < 0.87:
                    index = rng.randrange(len(mine))
                    rsvp(connection, mine[index], index, rng.choice(events), going)
                else:
                    sign(connection, rng.choice(petitions))
            except OSError as error:
                tally.note("connection", 0, False, repr(error))
                connection.close()
                connection = HTTPConnection(HOST, port, timeout=30)
        connection.close()

    def vote(connection, browser: Browser, kind: str) -> None:
        path = f"/ballots/{voting['ballots'][kind]}/"
        status, page, token = browser.form(connection, path)
        if status != 200 or b'id="vote-form"' not in page:
            tally.note("vote (form)", status, False, path)
            return
        if kind == "yesno":
            choice = {"choice": random.choice(["yes", "no", "abstain"])}
        else:
            order = random.sample(range(voting["options"]), voting["options"])
            choice = {f"rank-{p}": str(rank) for rank, p in enumerate(order, start=1)}
        status, _, answer = browser.request(
            connection, "POST", path, {"csrfmiddlewaretoken": token, **choice}
        )
        tally.note("vote", status, status in (200, 302) and b'id="vote-error"' not in answer, path)

    def rsvp(connection, browser: Browser, index: int, event: int, going: set) -> None:
        path = f"/events/{event}/"
        status, _, token = browser.form(connection, path)
        if status != 200 or not token:
            tally.note("rsvp (form)", status, False, path)
            return
        answering = (index, event) not in going
        action = path + ("rsvp/" if answering else "rsvp/cancel/")
        status, _, _ = browser.request(connection, "POST", action, {"csrfmiddlewaretoken": token})
        tally.note("rsvp" if answering else "rsvp withdrawn", status, status == 302, action)
        (going.add if answering else going.discard)((index, event))
        # Read one's own write at once: the pin cookie sends this read to the primary.
        status, _, page = browser.request(connection, "GET", path)
        fresh = (b"You are going." in page) == answering
        tally.note("own answer read back", status, status == 200 and fresh, f"{path} stale")

    def sign(connection, petition: int) -> None:
        browser = Browser(port)
        path = f"/petitions/{petition}/"
        status, _, token = browser.form(connection, path)
        with signature_lock:
            number = next(signature)
        form = {"csrfmiddlewaretoken": token, "name": f"Signer {number}",
                "email": f"scaleout.{os.getpid()}.{number}@example.net", "postcode": "SE15 4QZ"}  # fmt: skip
        status, location, _ = browser.request(connection, "POST", path + "sign/", form)
        tally.note("signature", status, status == 302 and "/signed/" in location, path)

    began = time.monotonic()
    threads = [threading.Thread(target=person, args=(n,)) for n in range(options.threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=options.duration + 120)
    return time.monotonic() - began


def watch_health(port: int, stop: threading.Event, seen: list[dict]) -> None:
    """/healthz through nginx every 2 s during the run."""
    while not stop.wait(2):
        try:
            connection = HTTPConnection(HOST, port, timeout=10)
            connection.request("GET", "/healthz")
            response = connection.getresponse()
            seen.append({"http": response.status, **json.loads(response.read())})
            connection.close()
        except (OSError, ValueError) as error:
            seen.append({"http": 0, "error": repr(error)})


def database_stats(cluster: Cluster) -> dict[str, int]:
    row = cluster.psql(
        "SELECT xact_commit, tup_returned, tup_fetched FROM pg_stat_database "
        "WHERE datname = 'groundwork'"
    ).split("|")
    return {"transactions": int(row[0]), "rows returned": int(row[1]), "rows fetched": int(row[2])}


def wait_for(predicate, seconds: float, topology: Topology) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        topology.check_alive()
        if predicate():
            return True
        time.sleep(0.5)
    return False


def healthy(port: int) -> bool:
    try:
        connection = HTTPConnection(HOST, port, timeout=5)
        connection.request("GET", "/healthz")
        return connection.getresponse().status == 200
    except OSError:
        return False


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds of mixed load")
    parser.add_argument("--threads", type=int, default=8, help="people loading at once")
    parser.add_argument("--members", type=int, default=20_000)
    parser.add_argument("--groups", type=int, default=200)
    options = parser.parse_args()
    if not 5 <= options.duration <= MAX_DURATION or not 1 <= options.threads <= 32:
        parser.error(f"--duration must be 5-{MAX_DURATION} s and --threads 1-32")
    return options


def main() -> int:
    options = parse_arguments()
    binaries, nginx = server_binaries(), shutil.which("nginx") or "/usr/sbin/nginx"
    missing = [
        name
        for name, found in (
            ("PostgreSQL's server programs", binaries),
            ("nginx", nginx),
            ("redis-server", shutil.which("redis-server")),
        )  # fmt: skip
        if not found or not Path(str(found)).exists()
    ]
    if missing:
        print(f"Missing: {', '.join(missing)} (apt-get install -y postgresql nginx redis-server)")
        return 2
    assert binaries is not None
    topology = Topology(Path(tempfile.mkdtemp(prefix="groundwork-scaleout-")))
    try:
        return scale_out(options, topology, binaries, nginx)
    finally:
        print("Stopping everything this run started…", flush=True)
        topology.stop()


def scale_out(options, topology: Topology, binaries: Path, nginx: str) -> int:
    work, started = topology.work, time.monotonic()
    work.chmod(0o755)  # nginx's workers (nobody) spool large answers under it
    primary = Cluster(binaries, new_cluster_folder("groundwork-scaleout-primary-"), free_port())
    topology.clusters.append(primary)
    primary.init()
    primary.start()
    primary.psql("CREATE DATABASE groundwork")
    redis_port, nginx_port = free_port(), free_port()
    topology.start("redis", ["redis-server", "--bind", HOST, "--port", str(redis_port),
                             "--save", "", "--appendonly", "no"], dict(os.environ))  # fmt: skip
    inherited = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "GROUNDWORK_", "DEMO_", "REDIS_"))
    }
    environment = inherited | {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": HOST,
        "CSRF_TRUSTED_ORIGINS": f"http://{HOST}:{nginx_port}",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": primary.url.removesuffix("/postgres") + "/groundwork",
        "REDIS_URL": f"redis://{HOST}:{redis_port}/0",
        "TASKS_BACKEND": "database",
        "GROUNDWORK_CLIENT_IP_HEADER": "HTTP_X_REAL_IP",
        "GROUNDWORK_PETITION_SIGNING_LIMIT": "1000000/600",  # every signer is 127.0.0.1 here
        "MFA_ENCRYPTION_KEYS": base64.urlsafe_b64encode(os.urandom(32)).decode(),
        "STATIC_ROOT": str(work / "static"),
        "EMAIL_FILE": str(work / "emails.log"),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    print(f"Primary on :{primary.port}, Redis on :{redis_port}; migrating…", flush=True)
    manage(environment, "migrate", "--noinput", "-v0")
    manage(environment, "collectstatic", "--noinput", "-v0")
    print(f"Generating {options.members:,} members and {options.groups:,} groups…", flush=True)
    # generate_scale's events, signatures, ballots and votes default to national scale whatever
    # the members: scale them with the members, as the national figures stand to 250,000.
    share = options.members / 250_000
    manage(environment, "generate_scale", "--members", str(options.members),
           "--groups", str(options.groups), "--events", str(max(100, int(50_000 * share))),
           "--signatures", str(int(500_000 * share)), "--ballots", str(max(20, int(10_000 * share))),
           "--votes", str(int(2_000_000 * share)))  # fmt: skip
    done = subprocess.run(
        [str(PYTHON), "bench/vote_casting_setup.py", "set-up", "--electors", str(ELECTORS),
         "--options", "4"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    if done.returncode:
        raise SystemExit(f"vote_casting_setup.py failed:\n{done.stdout}{done.stderr}")
    voting = answer_of(done.stdout, "RESULT ")
    picked = answer_of(manage(environment, "shell", "-c", PICK))
    if not picked["events"] or not picked["petitions"]:
        raise SystemExit(f"the dataset has no open event or petition: {picked}")
    loaded_in = time.monotonic() - started

    replica = start_replica(primary, new_cluster_folder("groundwork-scaleout-replica-"))
    topology.clusters.append(replica)
    environment["DATABASE_REPLICA_URL"] = replica.url.removesuffix("/postgres") + "/groundwork"
    app_ports = [free_port(), free_port()]
    for number, port in enumerate(app_ports, start=1):
        topology.start(f"app-{number}", [str(GUNICORN), "config.wsgi:application", "--workers",
                       "2", "--bind", f"{HOST}:{port}", "--log-level", "warning"], environment)  # fmt: skip
    for number in (1, 2):
        topology.start(f"worker-{number}", [str(PYTHON), "manage.py", "run_worker", "--interval",
                       "1", "--no-reload", "--worker-id", f"worker-{number}"], environment)  # fmt: skip
    prefix = work / "nginx"
    config = nginx_config(prefix, nginx_port, app_ports)
    topology.start("nginx", [nginx, "-p", str(prefix), "-c", str(config), "-g", "daemon off;"],
                   environment)  # fmt: skip
    if not wait_for(lambda: all(healthy(p) for p in [*app_ports, nginx_port]), 90, topology):
        raise SystemExit("the app servers or nginx did not answer /healthz within 90 s")
    print(f"Replica on :{replica.port}; app servers on :{app_ports[0]} and :{app_ports[1]}; "
          f"nginx on :{nginx_port}. Loading for {options.duration} s with {options.threads} "
          "threads…", flush=True)  # fmt: skip

    for cluster in (primary, replica):
        cluster.psql("SELECT pg_stat_reset()", database="groundwork")
    before = {"primary": database_stats(primary), "replica": database_stats(replica)}
    tally, stop = Tally(), threading.Event()
    seen: list[dict] = []
    watcher = threading.Thread(target=watch_health, args=(nginx_port, stop, seen))
    watcher.start()
    load_started = time.time()
    try:
        seconds = run_load(nginx_port, picked, voting, options, tally)
    finally:
        stop.set()
        watcher.join(timeout=15)
    # Let the workers finish the jobs the load queued (emails), for at most a minute.
    table = "django_tasks_database_dbtaskresult"
    # django-tasks-db marks "run as soon as possible" with the largest date it can store.
    later = "run_after > now() AND run_after < '9000-01-01'"
    due = f"status IN ('READY', 'RUNNING') AND NOT ({later})"
    wait_for(lambda: primary.psql(f"SELECT count(*) FROM {table} WHERE {due}",
             database="groundwork") == "0", 60, topology)  # fmt: skip
    time.sleep(2)  # pg_stat_database is sent by each backend at most every second
    after = {"primary": database_stats(primary), "replica": database_stats(replica)}
    jobs = primary.psql(
        f"SELECT coalesce(worker_ids->>0, '(none yet)'), status || CASE WHEN status = 'READY' "
        f"AND {later} THEN ' (due later)' ELSE '' END, count(*) FROM {table} WHERE enqueued_at >= "
        f"to_timestamp({load_started}) GROUP BY 1, 2 ORDER BY 1, 2",
        database="groundwork",
    )
    upstreams = Counter(
        line.split()[1] for line in (prefix / "access.log").read_text().splitlines()
    )
    return report(options, voting, loaded_in, seconds, tally, seen, before, after, jobs,
                  upstreams, app_ports)  # fmt: skip


def report(options, voting, loaded_in, seconds, tally, seen, before, after, jobs, upstreams,
           app_ports) -> int:  # fmt: skip
    total = sum(tally.answers.values())
    print(f"\nDataset: {options.members:,} members, {options.groups:,} groups (generate_scale) "
          f"+ {ELECTORS} signed-in electors and 2 open ballots; set up in {loaded_in:.0f} s. "
          f"{os.cpu_count()} cores; load average {' '.join(f'{v:.1f}' for v in os.getloadavg())}")  # fmt: skip
    print(f"Mixed load: {options.threads} threads, {seconds:.1f} s, {total:,} requests = "
          f"{total / seconds:.1f} requests/s through nginx\n")  # fmt: skip
    print("| answer | status | count |\n|---|---:|---:|")
    for (kind, status), count in sorted(tally.answers.items()):
        print(f"| {kind} | {status} | {count:,} |")
    print(f"\nUnexpected answers (non-2xx/3xx, refused votes, stale own reads): "
          f"{len(tally.unexpected)}")  # fmt: skip
    for line in tally.unexpected[:10]:
        print(f"  {line}")
    grew = {
        server: {key: after[server][key] - before[server][key] for key in after[server]}
        for server in after
    }
    print("\n| server | transactions | rows returned | rows fetched |\n|---|---:|---:|---:|")
    for server, numbers in grew.items():
        print(f"| {server} | " + " | ".join(f"{v:,}" for v in numbers.values()) + " |")
    shares = {
        key: grew["replica"][key] / max(1, grew["replica"][key] + grew["primary"][key])
        for key in grew["replica"]
    }
    print("Share served by the replica: " + ", ".join(f"{k} {v:.0%}" for k, v in shares.items())
          + " (the primary's figures include every write)")  # fmt: skip
    lags = [h["replica"] for h in seen if "replica" in h]
    states = Counter(h.get("status", "error") for h in seen)
    if lags:
        worst = max(lags, key=lambda lag: lag.get("lag_seconds") or 0)
        most_bytes = max(lag.get("lag_bytes") or 0 for lag in lags)
        print(f"/healthz during the run: {len(seen)} samples, {dict(states)}; replica lag at "
              f"most {worst.get('lag_seconds')} s and {most_bytes:,} bytes; "
              f"replica check: {dict(Counter(h['checks'].get('replica') for h in seen if 'checks' in h))}")  # fmt: skip
    served = {port: upstreams.get(f"{HOST}:{port}", 0) for port in app_ports}
    print(f"Requests per app server (nginx upstream log): {served}")
    print(f"Jobs queued during the run, by worker and state:\n{jobs}")
    workers = {line.split("|")[0] for line in jobs.splitlines() if "|SUCCESSFUL|" in line}
    checks = {
        "no unexpected answer": not tally.unexpected,
        "the replica served reads": shares["transactions"] > 0,
        "both app servers served": all(served.values()),
        "both workers ran jobs": {"worker-1", "worker-2"} <= workers,
        "/healthz answered 200 throughout": bool(seen) and all(h["http"] == 200 for h in seen),
    }
    for name, passed in checks.items():
        print(f"  [{'ok' if passed else 'FAIL'}] {name}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    # A plain `kill` (or `timeout`) unwinds through main()'s finally, which stops everything.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sys.exit(main())

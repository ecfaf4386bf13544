"""Petition signing under load: 100 signatures a second for 60 s against gunicorn on PostgreSQL.

    .venv/bin/python bench/petition_load.py [--rate 100] [--duration 60] [--duplicates 300]

Uses the PostgreSQL database `groundwork_bench` on 127.0.0.1:5432 (user postgres, trust), created
and migrated if missing, and Redis on 127.0.0.1:6379 (database 15) as the shared cache, so the
per-address signing limit is on and shared by both workers (set above this run's volume, since
every request comes from 127.0.0.1). Starts gunicorn (2 sync workers, production-like settings)
on a free loopback port, makes a bench petition (emptied before each run), and sends
rate x duration signatures with distinct emails plus some deliberate duplicates (the same address,
some in other letter case), paced open-loop from a pool of threads; each thread reads the CSRF
token from the petition's form once, as a browser would. Then checks 0 errors and 0 duplicate
signatures in the database, prints the achieved rate and p50/p95/p99 latency, and stops gunicorn
(also on error and Ctrl-C). All traffic goes to 127.0.0.1; the run is bounded in time.
"""

import argparse
import http.client
import json
import os
import queue
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable)
GUNICORN = PYTHON.parent / "gunicorn"
SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASE = "groundwork_bench"
HOST = "127.0.0.1"
MAX_SECONDS = 120
THREADS = 48
MAX_LAG = 30  # seconds behind schedule after which the rest of the run is counted as failed

SERVER_ENV = {
    "DATABASE_URL": f"{SERVER}/{DATABASE}",
    "DEBUG": "false",
    "ALLOWED_HOSTS": HOST,
    "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789-abcdefghijklmnop",
    "SECURE_SSL_REDIRECT": "false",
    "DATABASE_CONN_MAX_AGE": "60",
    "LOG_LEVEL": "WARNING",
    "REDIS_URL": "redis://127.0.0.1:6379/15",
    "GROUNDWORK_TESTING": "false",
    # The limit stays on (and shared through Redis); one address sends the whole run here.
    "GROUNDWORK_PETITION_SIGNING_LIMIT": "20000/300",
}

SETUP = """
from groundwork.campaigns.models import Campaign, Petition, Signature
from groundwork.groups.models import Group
from django_tasks_db.models import DBTaskResult
group, _ = Group.objects.get_or_create(slug="bench-petition-group", defaults={"name": "Bench petition group"})
campaign, _ = Campaign.objects.get_or_create(group=group, title="Bench campaign", defaults={"summary": "Bench", "demands": "Bench", "status": "active"})
Campaign.objects.filter(pk=campaign.pk).update(status="active")
petition, _ = Petition.objects.get_or_create(campaign=campaign, title="Bench petition", defaults={"statement": "Bench."})
Petition.objects.filter(pk=petition.pk).update(status="open", signature_count=0)
Signature.objects.filter(petition=petition).delete()
DBTaskResult.objects.filter(task_path__contains="send_email", status="READY").delete()
print("PETITION", petition.pk)
"""

CHECK = """
import json
from django.db.models import Count
from django.db.models.functions import Lower
from groundwork.campaigns.models import Signature
rows = Signature.objects.filter(petition_id=%d)
print("RESULT", json.dumps({
    "signatures": rows.count(),
    "distinct_emails": rows.annotate(e=Lower("email")).values("e").distinct().count(),
    "duplicated_emails": rows.annotate(e=Lower("email")).values("e").annotate(n=Count("id")).filter(n__gt=1).count(),
}))
"""


def first_group[T: (str, bytes)](pattern: T, text: T) -> T:
    """The pattern's first group in `text`; an error that shows the text if it is not there."""
    found = re.search(pattern, text)
    if found is None:
        raise RuntimeError(f"{pattern!r} not found in {text!r}")
    return found.group(1)


def manage(*arguments: str) -> str:
    done = subprocess.run(
        [str(PYTHON), "manage.py", *arguments], cwd=ROOT, text=True, capture_output=True
    )
    if done.returncode:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"manage.py {arguments[0]} failed")
    return done.stdout


def collect_static() -> None:
    """DEBUG=false needs the static manifest; an earlier one will do if collectstatic fails."""
    done = subprocess.run(
        [str(PYTHON), "manage.py", "collectstatic", "--noinput", "-v0", "--skip-checks"],
        cwd=ROOT, text=True, capture_output=True,
    )  # fmt: skip
    if done.returncode and not (ROOT / "var" / "static" / "staticfiles.json").exists():
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit("manage.py collectstatic failed and there is no earlier manifest")
    if done.returncode:
        print("Warning: collectstatic failed; using the manifest of an earlier run.")


def ensure_database() -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{DATABASE}"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_gunicorn(port: int) -> subprocess.Popen:
    (ROOT / "var").mkdir(exist_ok=True)
    log = open(ROOT / "var" / "bench-petition-gunicorn.log", "w")  # noqa: SIM115
    return subprocess.Popen(
        [str(GUNICORN), "config.wsgi:application", "--workers", "2", "--worker-class", "sync",
         "--bind", f"{HOST}:{port}", "--log-level", "warning"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip


def stop(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def request(port: int, method: str, path: str, body: str = "", headers=None):
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        connection.request(method, path, body=body or None, headers=headers or {})
        response = connection.getresponse()
        return (
            response.status,
            response.getheader("Location", ""),
            response.getheaders(),
            response.read(),
        )
    finally:
        connection.close()


def wait_until_up(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn exited at start; see var/bench-petition-gunicorn.log")
        try:
            if request(port, "GET", "/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("gunicorn did not answer within 30 s")


def csrf_pair(port: int, petition: int) -> tuple[str, str]:
    """(cookie, form token), read from the petition's sign form as a browser would."""
    status, _, headers, body = request(port, "GET", f"/petitions/{petition}/")
    if status != 200:
        raise SystemExit(f"the petition page answered {status}")
    cookie = next(
        v.split(";")[0]
        for k, v in headers
        if k.lower() == "set-cookie" and v.startswith("csrftoken=")
    )
    token = first_group(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).decode()
    return cookie, token


def signers(count: int, duplicates: int, seed: int = 2026) -> list[str]:
    emails = [f"bench.signer{number}@example.net" for number in range(count)]
    rng = random.Random(seed)
    for _ in range(duplicates):
        again = rng.choice(emails[: count // 2])
        emails.insert(
            rng.randrange(count // 2, len(emails)), again.upper() if rng.random() < 0.5 else again
        )
    return emails


def run_load(
    port: int, petition: int, emails: list[str], rate: float
) -> tuple[list[float], list[str], float]:
    jobs: queue.Queue = queue.Queue()
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    start = time.monotonic() + 1.0
    for index, email in enumerate(emails):
        jobs.put((start + index / rate, index, email))
    expected = f"/petitions/{petition}/signed/"

    # One form read, as one browser would; the cookie and token pair is valid for every request.
    cookie, token = csrf_pair(port, petition)

    def worker() -> None:
        headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded",
                   "Origin": f"http://{HOST}:{port}", "Referer": f"http://{HOST}:{port}/petitions/{petition}/"}  # fmt: skip
        while True:
            try:
                due, index, email = jobs.get_nowait()
            except queue.Empty:
                return
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            elif -delay > MAX_LAG:  # the server cannot keep up: stop rather than run unbounded
                with lock:
                    errors.append(f"not sent: fell {MAX_LAG} s behind the schedule")
                continue
            body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "name": f"Signer {index}", "email": email, "postcode": f"SE{index % 28 + 1} 4AB"})  # fmt: skip
            began = time.monotonic()
            try:
                status, location, _, _ = request(
                    port, "POST", f"/petitions/{petition}/sign/", body, headers
                )
                problem = (
                    "" if status == 302 and location.endswith(expected) else f"{status} {location}"
                )
            except OSError as error:
                problem = repr(error)
            took = time.monotonic() - began
            with lock:
                latencies.append(took)
                if problem:
                    errors.append(problem)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=MAX_SECONDS + 30)
    return latencies, errors, time.monotonic() - start


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=100, help="signatures per second")
    parser.add_argument("--duration", type=int, default=60, help="seconds")
    parser.add_argument("--duplicates", type=int, default=300)
    options = parser.parse_args()
    if not 1 <= options.rate <= 500 or not 1 <= options.duration <= MAX_SECONDS:
        parser.error(f"--rate must be 1-500 and --duration 1-{MAX_SECONDS}")
    os.environ.update(SERVER_ENV)
    # A plain `kill` (or `timeout`) unwinds through the finally below, which stops gunicorn.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    ensure_database()
    manage("migrate", "--noinput", "-v0", "--skip-checks")
    collect_static()
    petition = int(first_group(r"PETITION (\d+)", manage("shell", "-c", SETUP)))
    distinct = int(options.rate * options.duration)
    emails = signers(distinct, options.duplicates)
    port = free_port()
    server = start_gunicorn(port)
    try:
        wait_until_up(port, server)
        print(f"Sending {len(emails):,} signatures ({distinct:,} distinct emails, "
              f"{options.duplicates} duplicates) at {options.rate:g}/s…", flush=True)  # fmt: skip
        latencies, errors, elapsed = run_load(port, petition, emails, options.rate)
    finally:
        stop(server)
    found = json.loads(first_group(r"RESULT (.*)", manage("shell", "-c", CHECK % petition)))
    checks = {
        "every request answered (no errors)": not errors and len(latencies) == len(emails),
        f"{distinct:,} signatures in the database": found["signatures"] == distinct,
        "0 duplicate signatures": found["duplicated_emails"] == 0
        and found["distinct_emails"] == found["signatures"],
    }
    if not latencies:
        raise SystemExit("no request was answered")
    print(f"requests: {len(latencies):,} in {elapsed:.1f} s = {len(latencies) / elapsed:.1f}/s "
          f"(asked {options.rate:g}/s); errors: {len(errors)}")  # fmt: skip
    print(f"latency p50 {percentile(latencies, .50):.1f} ms, p95 {percentile(latencies, .95):.1f} ms, "
          f"p99 {percentile(latencies, .99):.1f} ms, max {max(latencies) * 1000:.1f} ms")  # fmt: skip
    print(f"database: {found}")
    for name, passed in checks.items():
        print(f"  [{'ok' if passed else 'FAIL'}] {name}")
    if errors:
        print("first errors:", errors[:5])
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())

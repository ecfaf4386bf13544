"""Fault drill: the database stops under load and comes back.

A throwaway PostgreSQL cluster, two gunicorn workers in production settings, and four visitors on
loopback reading a petition and signing it, for a bounded time. While the database is down every
answer must be 503 with Retry-After (never a 500), /healthz must name the database, nothing
half-written may be left behind, a signature whose 503 page says it was not saved must not have
been saved, and once the database is back the site must serve again by itself, with no restart.

As the database stops, a signature's commit can reach the disk and its answer be lost: such a
request is told it may have been saved (core.middleware.WritesSentMiddleware), and one that
reached no write is still told it was not.
"""

import html
import re
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlencode

import psycopg

from tests.faults.postgres import free_port, throwaway_cluster
from tests.test_security import production_environment

ROOT = Path(__file__).resolve().parents[2]
VISITORS = 4
SEED = """
from groundwork.campaigns.tests.factories import open_petition, start_campaign
from groundwork.groups.tests.factories import GroupFactory
petition = open_petition(start_campaign(GroupFactory(name="Riverside", slug="riverside")))
print(petition.pk)
"""


@dataclass
class Visitor:
    """One person's browser: keeps its cookies, talks to the server on loopback only."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, form: dict | None = None):
        origin = f"https://127.0.0.1:{self.port}"
        headers = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",  # as the proxy in front says; production needs HTTPS
            "Origin": origin,
            "Referer": origin + path,
            "Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items()),
        }
        body = urlencode(form) if form else None
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = HTTPConnection("127.0.0.1", self.port, timeout=20)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
        return response.status, dict(response.getheaders()), content


@dataclass
class Outcome:
    phase: str
    method: str
    status: int
    retry_after: str | None
    email: str = ""
    said_not_saved: bool = False  # a 503 page that promised nothing sent was saved


def manage(environment: dict, *arguments: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def health(port: int) -> tuple[int, str]:
    try:
        status, _, body = Visitor(port).request("GET", "/healthz")
    except OSError:
        return 0, ""
    return status, body.decode()


def test_the_database_stops_under_load_and_the_site_recovers_by_itself(tmp_path):
    with throwaway_cluster() as cluster:
        environment = production_environment(
            DATABASE_URL=cluster.url,
            ALLOWED_HOSTS="127.0.0.1",
            REDIS_URL="redis://127.0.0.1:6379/14",
            DATABASE_CONNECT_TIMEOUT="2",
            GROUNDWORK_PETITION_SIGNING_LIMIT="100000/600",
            STATIC_ROOT=str(tmp_path / "static"),
        )
        manage(environment, "collectstatic", "--noinput", "-v0")
        manage(environment, "migrate", "--noinput", "-v0")
        petition = int(manage(environment, "shell", "-c", SEED).split()[-1])
        port = free_port()
        log = tmp_path / "gunicorn.log"
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", "2", "--timeout", "30", "--log-level", "warning"],
            cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=log.open("w"),
        )  # fmt: skip
        try:
            assert wait_for(lambda: health(port)[0] == 200, 60), "the server did not start"
            outcomes = drill(cluster, port, petition)
        except AssertionError as error:
            raise AssertionError(
                f"{error}\n--- gunicorn's log ---\n{log.read_text()[-3000:]}"
            ) from error
        finally:
            server.terminate()
            server.wait(timeout=30)
        with psycopg.connect(cluster.url.replace("postgres://", "postgresql://")) as database:
            signatures = {
                email for (email,) in database.execute("SELECT email FROM campaigns_signature")
            }
            audited = database.execute(
                "SELECT count(*) FROM core_auditentry WHERE verb = 'petition.signed'"
            ).fetchall()[0][0]

    by_phase = Counter((outcome.phase, outcome.status) for outcome in outcomes)
    assert not [outcome for outcome in outcomes if outcome.status >= 500 and outcome.status != 503]
    down = [outcome for outcome in outcomes if outcome.phase == "down"]
    assert down and all(outcome.status == 503 for outcome in down), by_phase
    assert all(outcome.retry_after == "30" for outcome in down)
    # The database was gone before each of these began: none can have saved anything.
    assert all(o.said_not_saved for o in down if o.method == "POST"), by_phase
    assert by_phase[("after", 302)] > 0, by_phase  # signing works again without a restart
    # Nothing half-written: each saved signature has its audit entry (one transaction) ...
    assert audited == len(signatures)
    # ... every signature answered as saved was saved, and none told it was not saved was.
    posted = [outcome for outcome in outcomes if outcome.method == "POST"]
    assert {o.email for o in posted if o.status == 302} <= signatures
    broken = [o for o in posted if o.said_not_saved and o.email in signatures]
    assert not broken, broken


def drill(cluster, port: int, petition: int) -> list[Outcome]:
    outcomes: list[Outcome] = []
    phase = {"now": "before"}
    stop = threading.Event()
    lock = threading.Lock()
    failures: list[str] = []

    def visit(number: int) -> None:
        visitor = Visitor(port)
        status, _, page = visitor.request("GET", f"/petitions/{petition}/")
        found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if not found:
            failures.append(f"visitor {number} got {status}: {page[:2000]!r}")
            return
        token = html.unescape(found.group(1).decode())
        sent = 0
        while not stop.is_set():
            sent += 1
            email = f"visitor{number}.{sent}@example.net"
            for method, path, form in (
                ("GET", f"/petitions/{petition}/", None),
                ("POST", f"/petitions/{petition}/sign/",
                 {"csrfmiddlewaretoken": token, "name": "Sam", "email": email,
                  "postcode": "SE15 4QZ"}),
            ):  # fmt: skip
                current = phase["now"]
                status, headers, page = visitor.request(method, path, form)
                if phase["now"] != current:
                    continue  # the phase changed in flight: the answer belongs to neither
                with lock:
                    outcomes.append(
                        Outcome(current, method, status, headers.get("Retry-After"),
                                email if method == "POST" else "",
                                status == 503 and b"it was not saved" in page)
                    )  # fmt: skip

    threads = [threading.Thread(target=visit, args=(number,)) for number in range(VISITORS)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(3)
        assert not failures, failures
        phase["now"] = "stopping"
        cluster.stop("immediate")
        phase["now"] = "down"
        time.sleep(4)
        status, body = health(port)
        assert status == 503 and '"database": "unreachable"' in body, body
        phase["now"] = "starting"
        cluster.start()
        assert wait_for(lambda: health(port)[0] == 200, 30), "the site did not recover by itself"
        phase["now"] = "after"
        time.sleep(3)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
    return outcomes

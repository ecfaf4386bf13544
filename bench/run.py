"""Load-test Groundwork's pages against the framework ceiling, on loopback, for a bounded time.

    .venv/bin/python bench/run.py [--members 250000] [--groups 2000] [--duration 20]

Uses the PostgreSQL database `groundwork_bench` on 127.0.0.1:5432 (user postgres, trust): creates
it, migrates it and fills it with `manage.py generate_scale` if it has no members. Starts gunicorn
(2 sync workers, production-like settings) on a free loopback port, signs a member in by writing
a session directly, and loads each page in turn, after a short warm-up, twice:

- throughput: wrk with 16 connections saturates the two workers; its requests/s, divided by the
  ceiling's, is the "share of the framework ceiling";
- latency: wrk with 2 connections, one per worker, so no request queues behind another; its
  p50/p95/p99 are what a member's click costs on a server that keeps up. (Under saturation every
  request also waits for the ~connections/workers requests ahead of it, so the saturated p95
  measures the connection count more than the page; it is printed too.)

With `--interleave` the ceiling runs between every two pages, and each page's share is taken
against the ceilings just before and after it (steadier when the machine's load drifts).

Prints one table. gunicorn is stopped at the end, on error and on Ctrl-C. All traffic goes to
127.0.0.1 and each wrk run is bounded in time.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable)  # the project's venv python (`make bench` uses .venv/bin/python)
GUNICORN = PYTHON.parent / "gunicorn"
LUA = Path(__file__).resolve().parent / "pages.lua"
SERVER = "postgres://postgres@127.0.0.1:5432"
# GROUNDWORK_BENCH_DATABASE lets helpers working at once keep their own datasets apart.
DATABASE = os.environ.get("GROUNDWORK_BENCH_DATABASE", "groundwork_bench")
MAX_DURATION = 120  # seconds per page: the run stays bounded whatever is asked
RESULT = re.compile(r"^GROUNDWORK (.*)$", re.MULTILINE)
CEILING = "/bench/ceiling/"

# The same settings for every page, production-like except TLS (loopback has none).
SERVER_ENV = {
    "DATABASE_URL": f"{SERVER}/{DATABASE}",
    "DEBUG": "false",
    "GROUNDWORK_BENCH_ROUTES": "true",
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789-abcdefghijklmnop",
    "SECURE_SSL_REDIRECT": "false",
    "DATABASE_CONN_MAX_AGE": "60",
    "LOG_LEVEL": "WARNING",
    "REDIS_URL": "",
    "GROUNDWORK_TESTING": "false",
}


@dataclass
class Page:
    name: str
    path: str
    cookie: str = ""
    expect: str = ""  # text the page must contain, so a login redirect cannot pass for a page


@dataclass
class Result:
    page: Page
    requests_per_second: float
    saturated_p95: float
    p50: float
    p95: float
    p99: float
    non2xx: int
    errors: int


def main() -> int:
    options = parse_arguments()
    if options.redis:
        SERVER_ENV["REDIS_URL"] = options.redis
        flush_redis(options.redis)
    if not shutil.which("wrk"):
        print("wrk is not installed. Install it with: apt-get install -y wrk", file=sys.stderr)
        return 2
    os.environ.update(SERVER_ENV)
    ensure_database()
    # System checks are CI's job: an error in an unrelated app must not stop a load run.
    manage("migrate", "--noinput", "-v0", "--skip-checks")
    collect_static()
    dataset = ensure_dataset(options.members, options.groups)
    pages = choose_pages()
    if options.only:
        wanted = options.only.split(",")
        pages = [p for p in pages if "ceiling" in p.name or any(w in p.name for w in wanted)]
    queries = count_queries(pages)
    port = free_loopback_port()
    server = start_gunicorn(port)
    try:
        wait_until_up(port, server)
        base = f"http://127.0.0.1:{port}"
        for page in pages:
            check_page(base, page)
        if options.interleave:
            results = load_interleaved(base, pages, options)
        else:
            results = [load(base, page, options) for page in pages]
    finally:
        stop(server)
    print_report(results, queries, dataset, options)
    return 0


def load_interleaved(base: str, pages: list[Page], options: argparse.Namespace) -> list[Result]:
    """Each page between two runs of the ceiling (ceiling, page 1, ceiling, page 2, …, ceiling),
    so that its share is taken against the ceiling measured just before and just after it: on a
    shared machine the load drifts within a run, and a page compared with a ceiling measured
    minutes apart carries that drift. The ceilings between pages skip the latency run."""
    ceiling = next(page for page in pages if page.path == CEILING)
    others = [page for page in pages if page.path != CEILING]
    results = [load(base, ceiling, options)]
    for page in others:
        results.append(load(base, page, options))
        results.append(load(base, ceiling, options, latency=False))
    return results


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=250_000)
    parser.add_argument("--groups", type=int, default=2_000)
    parser.add_argument("--duration", type=int, default=20, help="seconds of load per page")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of warm-up per page")
    parser.add_argument("--connections", type=int, default=16, help="for the throughput run")
    parser.add_argument(
        "--latency-duration", type=int, default=10, help="seconds of the 2-connection latency run"
    )
    parser.add_argument(
        "--only", help="load only the pages whose name contains this (or one of these, by commas)"
    )
    parser.add_argument(
        "--interleave",
        action="store_true",
        help="run the ceiling between every two pages and take each page's share against the "
        "ceilings just before and after it (about twice as long; steadier on a shared machine)",
    )
    parser.add_argument(
        "--redis",
        metavar="URL",
        help="the cache and sessions on this Redis database, as in production (it is emptied "
        "first), e.g. redis://127.0.0.1:6379/13 (the tests use 14 and 15); default: the embedded local-memory cache and "
        "database sessions",
    )
    options = parser.parse_args()
    if not 1 <= options.duration <= MAX_DURATION or not 0 <= options.warmup <= 30:
        parser.error(f"--duration must be 1-{MAX_DURATION} s and --warmup 0-30 s")
    if not 1 <= options.latency_duration <= MAX_DURATION:
        parser.error(f"--latency-duration must be 1-{MAX_DURATION} s")
    if not 1 <= options.connections <= 64:
        parser.error("--connections must be 1-64")
    return options


def flush_redis(url: str) -> None:
    """Start from an empty cache: no cards or sessions from an earlier run."""
    import redis

    redis.Redis.from_url(url).flushdb()


def manage(*arguments: str) -> str:
    done = subprocess.run(
        [str(PYTHON), "manage.py", *arguments],
        cwd=ROOT,
        text=True,
        capture_output=True,
    )
    if done.returncode:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"manage.py {' '.join(arguments)} failed")
    return done.stdout


def collect_static() -> None:
    """DEBUG=false serves hashed static names from a manifest, which collectstatic writes."""
    done = subprocess.run(
        [str(PYTHON), "manage.py", "collectstatic", "--noinput", "-v0", "--skip-checks"],
        cwd=ROOT, text=True, capture_output=True,
    )  # fmt: skip
    if done.returncode == 0:
        return
    if not (ROOT / "var" / "static" / "staticfiles.json").exists():
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit("manage.py collectstatic failed and there is no earlier manifest")
    last_line = (done.stderr.strip().splitlines() or ["?"])[0]
    print(f"Warning: collectstatic failed ({last_line}); using the manifest of an earlier run.")


def ensure_database() -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE])
        if not found.fetchone():
            print(f"Creating the PostgreSQL database {DATABASE}")
            connection.execute(f'CREATE DATABASE "{DATABASE}"')


def django_query(code: str) -> dict:
    """Run `code` (which sets `answer`) in a Django shell on the bench database; return answer."""
    script = f"import json\n{code}\nprint('ANSWER ' + json.dumps(answer))"
    output = manage("shell", "-c", script)
    return json.loads(output.split("ANSWER ", 1)[1])


def ensure_dataset(members: int, groups: int) -> dict:
    counts = (
        "from groundwork.groups.models import Group\nfrom groundwork.members.models import User\n"
    )
    counts += "answer = {'members': User.objects.count(), 'groups': Group.objects.count()}"
    found = django_query(counts)
    if found["members"] == 0:
        print(f"Generating {members:,} members and {groups:,} groups (a few minutes)…")
        started = time.monotonic()
        subprocess.run(
            [str(PYTHON), "manage.py", "generate_scale", "--members", str(members),
             "--groups", str(groups), "--skip-checks"],
            cwd=ROOT, check=True,
        )  # fmt: skip
        print(f"Generated in {time.monotonic() - started:.0f} s")
        found = django_query(counts)
    elif (found["members"], found["groups"]) != (members, groups):
        print(
            f"Note: {DATABASE} already holds {found['members']:,} members and "
            f"{found['groups']:,} groups; benchmarking those (drop the database to regenerate)."
        )
    return found


PICK_PAGES = """
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db.models import Count
from importlib import import_module
from groundwork.groups.models import Group
from groundwork.members.models import User

big = Group.objects.filter(kind=Group.Kind.LOCAL).order_by("-member_count").first()
member = (
    User.objects.annotate(in_groups=Count("memberships"))
    .filter(in_groups=3, coordinator__isnull=True).order_by("pk").first()
)
session = import_module(settings.SESSION_ENGINE).SessionStore()
session[SESSION_KEY] = str(member.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = member.get_session_auth_hash()
session.create()
from django.utils import timezone
from groundwork.campaigns.models import Petition
from groundwork.democracy.models import Ballot
from groundwork.events.models import Event

event = (
    Event.objects.filter(starts_at__gt=timezone.now(), visibility=Event.Visibility.PUBLIC)
    .order_by("starts_at").first()
)
petition = Petition.objects.order_by("-signature_count").first()
alliance = Ballot.objects.filter(group=None)
open_ballot = alliance.filter(status=Ballot.Status.OPEN).order_by("-votes_cast").first()
closed_ballot = (
    alliance.filter(status=Ballot.Status.CLOSED, method__startswith="stv")
    .order_by("-votes_cast").first()
    or alliance.filter(status=Ballot.Status.CLOSED).order_by("-votes_cast").first()
)
stv_results = (
    Ballot.objects.filter(
        status=Ballot.Status.CLOSED, method="stv-scottish", group__memberships__user=member
    ).order_by("-votes_cast").first()
    or closed_ballot  # the member's groups held no STV ballot in this dataset
)
from django.db.models import Q
from groundwork.democracy.models import Proposal

# The longest discussion the member can read (generate_scale's proposals stage writes some of
# 120 comments), and the proposals of the member's group that has the most.
discussed = (
    Proposal.objects.filter(Q(group=None) | Q(group__memberships__user=member))
    .exclude(status=Proposal.Status.DRAFT)
    .annotate(comment_total=Count("comments")).order_by("-comment_total", "pk").first()
)
proposals_group = (
    Group.objects.filter(memberships__user=member)
    .annotate(proposal_total=Count("proposals")).order_by("-proposal_total", "pk").first()
)
answer = {
    "stv_results": f"/ballots/{stv_results.pk}/results/", "stv_title": stv_results.title,
    "stv_votes": stv_results.votes_cast, "stv_seats": stv_results.seats,
    "proposal": f"/proposals/{discussed.pk}/", "proposal_title": discussed.title,
    "proposal_comments": discussed.comment_total,
    "proposals": f"/groups/{proposals_group.slug}/proposals/",
    "proposals_group": proposals_group.name, "proposals_total": proposals_group.proposal_total,
    "proposals_group_size": proposals_group.member_count,
    "group": big.get_absolute_url(), "group_name": big.name, "group_size": big.member_count,
    "cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}", "member": member.name,
    "event": event.get_absolute_url(), "event_title": event.title,
    "campaign": petition.campaign.get_absolute_url(), "campaign_title": petition.campaign.title,
    "petition": petition.get_absolute_url(), "petition_title": petition.title,
    "signatures": petition.signature_count,
    "ballot": f"/ballots/{open_ballot.pk}/", "ballot_title": open_ballot.title,
    "ballot_method": open_ballot.method, "ballot_electorate": open_ballot.electorate_size,
    "results": f"/ballots/{closed_ballot.pk}/results/", "results_title": closed_ballot.title,
    "results_method": closed_ballot.method, "results_votes": closed_ballot.votes_cast,
}
"""


def choose_pages() -> list[Page]:
    """The ceiling, then the pages issues #2-#5 set targets for, then the ceiling again."""
    picked = django_query(PICK_PAGES)
    cookie = picked["cookie"]
    print(f"Group page: {picked['group_name']} ({picked['group_size']:,} members)")
    print(f"Signed in as {picked['member']} (a member of 3 groups)")
    print(f"Petition: {picked['petition_title']} ({picked['signatures']:,} signatures)")
    print(
        f"Proposal: {picked['proposal_title']} ({picked['proposal_comments']} comments); "
        f"proposals of {picked['proposals_group']} ({picked['proposals_total']:,} proposals, "
        f"{picked['proposals_group_size']:,} members)"
    )
    print(
        f"Ballot: {picked['ballot_title']} ({picked['ballot_method']}, alliance-wide, "
        f"{picked['ballot_electorate']:,} electors); results: {picked['results_title']} "
        f"({picked['results_method']}, {picked['results_votes']:,} votes); STV results: "
        f"{picked['stv_title']} ({picked['stv_seats']} seats, {picked['stv_votes']:,} votes)"
    )
    return [
        Page("ceiling (50 rows)", "/bench/ceiling/", expect="<table>"),
        Page("first page (signed out)", "/", expect="What we stand for"),
        Page("group directory", "/groups/", expect="Find a local group"),
        Page("group page (biggest)", picked["group"], expect=picked["group_name"]),
        Page("member home", "/home/", cookie=cookie, expect="My groups"),
        *walk_pages(cookie),  # issue #16 item 7: the rest of issue #14's walk-through
        Page("event list", "/events/", expect="Upcoming events"),
        Page("event list (member)", "/events/", cookie=cookie, expect="Upcoming events"),
        Page("event page", picked["event"], expect=picked["event_title"]),
        Page("campaign page", picked["campaign"], expect=picked["campaign_title"]),
        Page("petition page (biggest)", picked["petition"], expect=picked["petition_title"]),
        Page(
            "ballot page (open, alliance)",
            picked["ballot"],
            cookie=cookie,
            expect=picked["ballot_title"],
        ),
        Page(
            "results page (alliance)",
            picked["results"],
            cookie=cookie,
            expect=picked["results_title"],
        ),
        Page(
            "results page, last page of votes (alliance)",
            picked["results"] + "?end",
            cookie=cookie,
            expect=picked["results_title"],
        ),
        Page(
            "results page (STV, a member's group)",
            picked["stv_results"],
            cookie=cookie,
            expect=picked["stv_title"],
        ),
        Page(
            "proposal page (longest discussion)",
            picked["proposal"],
            cookie=cookie,
            expect=picked["proposal_title"],
        ),
        Page(
            "proposals list (a member's group)",
            picked["proposals"],
            cookie=cookie,
            expect="Proposals of",
        ),
        Page("library (member)", "/library/", cookie=cookie, expect="The shared library"),
        Page("library search (member)", "/library/?q=housing", cookie=cookie, expect="found"),
        Page(
            "alliance roll-up",
            "/platform/progress/",
            cookie=cookie,
            expect="Progress across the alliance",
        ),
        Page("ceiling, again", "/bench/ceiling/", expect="<table>"),
    ]


# Issue #16 item 7: every page a person reaches in issue #14's walk-through that the list above
# lacks: a newcomer's first hour (signed out, then as the member) and an organiser's (the biggest
# group's organiser, signed in the same way; the organiser's two-factor authentication is
# switched on if it is not, as organisers' pages require it). GET only: forms shown, not sent.
PICK_WALK_PAGES = """
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db.models import Count
from django.utils import timezone
from importlib import import_module
from groundwork.campaigns.models import Petition
from groundwork.events.models import Event
from groundwork.events.queries import events_visible_to
from groundwork.groups.models import DistrictCentroid, Group, Membership, PostcodeDistrict
from groundwork.members.models import User

big = Group.objects.filter(kind=Group.Kind.LOCAL).order_by("-member_count").first()
member = (
    User.objects.annotate(in_groups=Count("memberships"))
    .filter(in_groups=3, coordinator__isnull=True).order_by("pk").first()
)
organiser = (
    Membership.objects.filter(group=big, role=Membership.Role.ORGANISER).order_by("pk").first().user
)
if not Authenticator.objects.filter(user=organiser, type=Authenticator.Type.TOTP).exists():
    TOTP.activate(organiser, "JBSWY3DPEHPK3PXP")
session = import_module(settings.SESSION_ENGINE).SessionStore()
session[SESSION_KEY] = str(organiser.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = organiser.get_session_auth_hash()
session.create()
covered = big.postcode_districts.order_by("district").first()
uncovered = (
    DistrictCentroid.objects.exclude(district__in=PostcodeDistrict.objects.values("district"))
    .order_by("district").first()
)
own_group = member.memberships.order_by("group__pk").first().group
event = (
    events_visible_to(member).filter(starts_at__gt=timezone.now(), group=own_group)
    .exclude(status=Event.Status.CANCELLED).order_by("starts_at").first()
    or Event.objects.filter(starts_at__gt=timezone.now(), visibility=Event.Visibility.PUBLIC)
    .order_by("starts_at").first()
)
petition = Petition.objects.order_by("-signature_count").first()
letter = Petition.objects.filter(
    campaign__letter_template__is_open=True, campaign__status="active"
).first()
answer = {
    "organiser_cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}",
    "organiser": organiser.name, "group": big.get_absolute_url(), "group_name": big.name,
    "group_slug": big.slug, "covered": covered.district if covered else "",
    "uncovered": uncovered.district if uncovered else "",
    "own_group": own_group.get_absolute_url(), "event": event.get_absolute_url(),
    "petition": petition.get_absolute_url(),
    "letter": f"/campaigns/{letter.campaign_id}/letter/" if letter else "",
}
"""


def walk_pages(member_cookie: str) -> list[Page]:
    """The walk-through's pages that `choose_pages` lacks, as the member or the organiser."""
    picked = django_query(PICK_WALK_PAGES)
    organiser, group = picked["organiser_cookie"], picked["group"]
    print(f"Organiser: {picked['organiser']} of {picked['group_name']}")
    member = {"cookie": member_cookie}
    pages = [
        Page("sign-up page", "/accounts/signup/", expect="password"),
        Page(
            "group finder (a postcode a group covers)",
            f"/groups/?q={picked['covered']}",
            expect=picked["covered"],
        ),
        Page(
            "group page (member, own group)",
            picked["own_group"],
            **member,
            expect="Your membership",
        ),
        Page("event page (member)", picked["event"], **member, expect="event.ics"),
        Page("petition page (member)", picked["petition"], **member, expect="Sign"),
        Page("notifications (member)", "/notifications/", **member, expect="Notifications"),
        Page(
            "notification preferences (member)",
            "/notifications/preferences/",
            **member,
            expect="Notification preferences",
        ),
        Page("member home (organiser)", "/home/", cookie=organiser, expect="My groups"),
        Page("group page (organiser, biggest)", group, cookie=organiser, expect="Members"),
        Page(
            "group members (organiser, biggest)",
            f"{group}members/",
            cookie=organiser,
            expect="Members of",
        ),
        Page(
            "group's events (organiser, biggest)",
            f"/events/?group={picked['group_slug']}",
            cookie=organiser,
            expect="Events of",
        ),
        Page(
            "new event form (organiser, biggest)",
            f"{group}events/new/",
            cookie=organiser,
            expect="New event for",
        ),
        Page(
            "mailings (organiser, biggest)",
            f"{group}mailings/",
            cookie=organiser,
            expect="Emails to members of",
        ),
        Page(
            "mailing compose (organiser, biggest)",
            f"{group}mailings/new/",
            cookie=organiser,
            expect="Email members of",
        ),
        Page(
            "audit log (organiser, biggest)",
            f"{group}audit/",
            cookie=organiser,
            expect="Audit log of",
        ),
        Page(
            "action plan (organiser, biggest)",
            f"{group}plan/",
            cookie=organiser,
            expect="Action plan of",
        ),
    ]
    if picked["uncovered"]:  # districts' centres are loaded apart (load_district_centroids)
        pages.append(
            Page(
                "group finder (a postcode no group covers)",
                f"/groups/?q={picked['uncovered']}",
                expect="No group covers",
            )
        )
    if picked["letter"]:
        pages.append(
            Page(
                "letter to a representative (member)", picked["letter"], **member, expect="Write to"
            )
        )
    else:
        print("No campaign in this dataset has open letters: the letter page is not loaded.")
    return pages


COUNT_QUERIES = """
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

answer = {}
for path, cookie in PAGES:
    client = Client(SERVER_NAME="127.0.0.1")
    if cookie:
        name, value = cookie.split("=", 1)
        client.cookies[name] = value
    client.get(path)  # the first request of a process loads caches; count the second
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    answer[f"{path} {cookie}"] = len(queries) if status == 200 else -status
"""


def count_queries(pages: list[Page]) -> dict[str, int]:
    """How many SQL queries one request to each page makes, keyed by path and cookie (a page is
    loaded signed in and signed out)."""
    listed = [(page.path, page.cookie) for page in pages]
    return django_query(f"PAGES = {listed!r}\n{COUNT_QUERIES}")


def free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(port: int) -> subprocess.Popen:
    (ROOT / "var").mkdir(exist_ok=True)
    log = open(ROOT / "var" / "bench-gunicorn.log", "w")  # noqa: SIM115 (lives as long as the server)
    return subprocess.Popen(
        [str(GUNICORN), "config.wsgi:application", "--workers", "2", "--worker-class", "sync",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip


def wait_until_up(port: int, server: subprocess.Popen) -> None:
    # A machine shared with other work can take a minute to start the workers.
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn exited at start; see var/bench-gunicorn.log")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5)
            return
        except OSError:  # refused, reset or timed out while the workers boot
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer within 90 s; see var/bench-gunicorn.log")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def check_page(base: str, page: Page) -> None:
    """Each page must answer 200 with its own content before it is loaded."""
    request = urllib.request.Request(base + page.path, headers={"Cookie": page.cookie})
    try:
        response = urllib.request.build_opener(NoRedirect).open(request, timeout=10)
    except urllib.error.HTTPError as error:
        raise SystemExit(f"{page.path} answered {error.code}; see var/bench-gunicorn.log") from None
    body = response.read().decode()
    if response.status != 200 or page.expect not in body:
        raise SystemExit(f"{page.path} answered {response.status} without {page.expect!r}")


def wrk(base: str, page: Page, seconds: int, connections: int) -> dict:
    command = ["wrk", "--threads", "2", "--connections", str(connections),
               "--duration", f"{seconds}s", "--timeout", "5s", "--script", str(LUA)]  # fmt: skip
    if page.cookie:
        command += ["--header", f"Cookie: {page.cookie}"]
    done = subprocess.run(
        [*command, base + page.path], text=True, capture_output=True, timeout=seconds + 30
    )
    found = RESULT.search(done.stdout)
    if done.returncode or not found:
        raise SystemExit(f"wrk failed on {page.path}:\n{done.stdout}{done.stderr}")
    return {key: float(value) for key, value in re.findall(r"(\w+)=([\d.]+)", found.group(1))}


def load(base: str, page: Page, options: argparse.Namespace, *, latency: bool = True) -> Result:
    print(f"Loading {page.name} ({page.path}) for {options.duration} s…", flush=True)
    if options.warmup:
        wrk(base, page, options.warmup, options.connections)
    saturated = wrk(base, page, options.duration, options.connections)
    unqueued = wrk(base, page, options.latency_duration if latency else 1, 2)
    return Result(
        page,
        saturated["requests"] / saturated["seconds"],
        saturated["p95_ms"],
        unqueued["p50_ms"],
        unqueued["p95_ms"],
        unqueued["p99_ms"],
        int(saturated["non2xx"] + unqueued["non2xx"]),
        int(saturated["errors"] + unqueued["errors"]),
    )


def stop(server: subprocess.Popen) -> None:
    """Stop gunicorn (its master and workers: it runs in its own process group)."""
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def print_report(
    results: list[Result], queries: dict[str, int], dataset: dict, options: argparse.Namespace
) -> None:
    # The ceiling runs first and last; the ratio uses their mean, so drift on a shared machine
    # during the run shows in the table instead of skewing every ratio one way. Interleaved, each
    # page is divided by the mean of the ceilings just before and after it.
    shares = shares_of_the_ceiling(results, interleaved=options.interleave)
    print()
    print(
        f"{dataset['members']:,} members, {dataset['groups']:,} groups; gunicorn 2 sync workers; "
        f"throughput: wrk {options.connections} connections, {options.duration} s per page "
        f"(+{options.warmup} s warm-up); latency: wrk 2 connections, "
        f"{options.latency_duration} s; {os.cpu_count()} cores; load average {load_average()}; "
        + (
            "cache and sessions on Redis"
            if options.redis
            else "local-memory cache, database sessions"
        )
    )
    print()
    print(
        "| page | path | queries | requests/s (16 conn.) | vs ceiling | p95 ms (16 conn.) "
        "| p50 ms | p95 ms | p99 ms | non-2xx | errors |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for result, share in zip(results, shares, strict=True):
        if options.interleave and result.page.path == CEILING and result is not results[0]:
            if result is not results[-1]:
                continue  # the ceilings between pages: their figures are in the shares
        asked = queries[f"{result.page.path} {result.page.cookie}"]
        print(
            f"| {result.page.name} | {result.page.path} | {asked} | "
            f"{result.requests_per_second:,.0f} | {share:.0%} | "
            f"{result.saturated_p95:.1f} | {result.p50:.1f} | {result.p95:.1f} | "
            f"{result.p99:.1f} | {result.non2xx} | {result.errors} |"
        )


def shares_of_the_ceiling(results: list[Result], *, interleaved: bool) -> list[float]:
    """Each result's requests/s as a share of the ceiling's: of the mean of all the ceiling's
    runs, or (interleaved) of the mean of the runs just before and after it."""
    rates = [result.requests_per_second for result in results]
    ceilings = [result.requests_per_second for result in results if result.page.path == CEILING]
    mean = sum(ceilings) / len(ceilings)
    if not interleaved:
        return [rate / mean for rate in rates]
    shares = []
    for index, result in enumerate(results):
        if result.page.path == CEILING:
            shares.append(result.requests_per_second / mean)
            continue
        around = (rates[index - 1] + rates[index + 1]) / 2
        shares.append(result.requests_per_second / around)
    return shares


def print_page_table(
    results: list[Result], queries: dict[str, int], options: argparse.Namespace
) -> None:
    """The shorter table of the issue benches (accountability_pages.py, outcomes_pages.py): each
    page against the mean of the ceiling's first and last runs."""
    ceilings = [r.requests_per_second for r in results if r.page.path == "/bench/ceiling/"]
    ceiling = sum(ceilings) / len(ceilings)
    print()
    print(
        f"gunicorn 2 sync workers; wrk {options.connections} connections, {options.duration} s "
        f"(+{options.warmup} s warm-up); latency wrk 2 connections, {options.latency_duration} s;"
        f" {os.cpu_count()} cores; load average {load_average()}"
    )
    print()
    print(
        "| page | queries | requests/s (16 conn.) | vs ceiling | p50 ms | p95 ms | p99 ms | non-2xx |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for result in results:
        asked = queries[f"{result.page.path} {result.page.cookie}"]
        print(
            f"| {result.page.name} | {asked} | {result.requests_per_second:,.0f} | "
            f"{result.requests_per_second / ceiling:.0%} | {result.p50:.1f} | {result.p95:.1f} | "
            f"{result.p99:.1f} | {result.non2xx + result.errors} |"
        )


def load_average() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


if __name__ == "__main__":
    # Ctrl-C and a plain `kill` both unwind through main()'s finally, which stops gunicorn.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sys.exit(main())

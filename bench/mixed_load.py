"""A mixed load of the whole site: pages signed out and in, RSVPs, signatures and votes at once.

    GROUNDWORK_BENCH_DATABASE=groundwork_bench_home .venv/bin/python bench/mixed_load.py \\
        --redis redis://127.0.0.1:6379/12 [--duration 60] [--members 200] [--connections 16]

Issue #16 item 7. On an existing dataset (`generate_scale`; the bench does not make one), like
bench/run.py, whose helpers it uses: gunicorn with 2 sync workers and production-like settings on
a free loopback port, the cache and sessions in Redis with --redis (that Redis database is
emptied first). Signs in `--members` members with a verified email (sessions written directly,
as bench/run.py does) and the biggest group's organiser (two-factor switched on for them if it is
not: organisers' pages require it), and gives each member the writes still open to them: RSVPs to
upcoming events they may see, signatures of open petitions, votes in open ballots whose electorate
holds them. Each member fetches one form page first and posts with the CSRF cookie and token that
page gave, as a browser does.

Then wrk (one connection per thread, bench/mixed.lua) sends a weighted mix for `--duration`
seconds: by default 60% anonymous pages, 22% members' pages, 3% the organiser's, 5% RSVPs, 5%
signatures, 4% first votes and 1% a vote sent again by a member who has voted (which must be
refused politely: the receipt, not a second vote and not an error). Each member's writes go from
one connection, in order, each once.

Reports requests/s overall and per kind, p50/p95/p99 per kind, answers other than the expected
ones by kind (errors must be 0), and checks in the database afterwards that each write landed
exactly once: every answered write is there, nothing that was not sent is, and the rows and the
denormalised counters (events' places, petitions' and ballots' counts) rose by exactly the number
of writes that landed. Loopback only, bounded in time, and gunicorn is stopped at the end, on
error and on Ctrl-C. The writes stay in the database (each run picks writes still open).
"""

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import urllib.request
from collections import Counter, defaultdict
from pathlib import Path

import run  # bench/run.py: the same settings, server and helpers

LUA = Path(__file__).resolve().parent / "mixed.lua"
WORK = run.ROOT / "var" / "mixed-load"
MAX_DURATION = 300
KINDS = [
    ("anonymous page", 60),
    ("member page", 22),
    ("organiser page", 3),
    ("rsvp", 5),
    ("signature", 5),
    ("vote", 4),
    ("vote again", 1),
]
WRITES = ("rsvp", "signature", "vote")

PREPARE = """
import random
from datetime import timedelta
from importlib import import_module

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db.models import Exists, OuterRef
from django.utils import timezone

from groundwork.campaigns.models import Campaign, Petition, Signature
from groundwork.democracy.models import Ballot, Elector, Option
from groundwork.events.models import Event, Rsvp
from groundwork.groups.models import Group, Membership, PostcodeDistrict
from groundwork.members.models import User

rng = random.Random(SEED)
now = timezone.now()
soon = now + timedelta(hours=2)
Store = import_module(settings.SESSION_ENGINE).SessionStore


def sign_in(user):
    session = Store()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
in_a_group = Membership.objects.filter(user=OuterRef("pk"))
members = list(
    User.objects.filter(Exists(verified), Exists(in_a_group), is_active=True,
                        coordinator__isnull=True).order_by("-pk")[:MEMBERS]
)
groups_of = {}
for user_id, group_id in Membership.objects.filter(user__in=members).values_list("user", "group"):
    groups_of.setdefault(user_id, []).append(group_id)

upcoming = Event.objects.filter(starts_at__gt=soon, status=Event.Status.SCHEDULED)
common = list(upcoming.filter(visibility__in=[Event.Visibility.PUBLIC, Event.Visibility.ALLIANCE])
              .values_list("pk", flat=True))
own = {}
for pk, group_id in upcoming.filter(
    visibility=Event.Visibility.MEMBERS, group__in={g for gs in groups_of.values() for g in gs}
).values_list("pk", "group"):
    own.setdefault(group_id, []).append(pk)
active = {Rsvp.Status.CONFIRMED, Rsvp.Status.WAITLISTED}
answered = set(
    Rsvp.objects.filter(user__in=members, status__in=active).values_list("user", "event")
)

petitions = list(
    Petition.objects.filter(status=Petition.Status.OPEN, campaign__status=Campaign.Status.ACTIVE)
    .select_related("campaign").order_by("pk")
)
signed = set(
    Signature.objects.filter(petition__in=petitions, email__in=[m.email.lower() for m in members])
    .values_list("email", "petition")
)

open_ballots = Ballot.objects.filter(status=Ballot.Status.OPEN, closes_at__gt=soon, opens_at__lte=now)
electors = {}
for user_id, ballot_id in (
    Elector.objects.filter(user__in=members, voted_on=None, ballot__in=open_ballots)
    .order_by("ballot").values_list("user", "ballot")
):
    electors.setdefault(user_id, []).append(ballot_id)
rng_ballots = {b for bs in electors.values() for b in bs}
methods = dict(Ballot.objects.filter(pk__in=rng_ballots).values_list("pk", "method"))
first_option = {}
for ballot_id, position in Option.objects.filter(ballot__in=rng_ballots).order_by(
    "ballot", "position"
).values_list("ballot", "position"):
    first_option.setdefault(ballot_id, position)


def vote_body(ballot_id):
    method = methods[ballot_id]
    if method == Ballot.Method.MAJORITY:
        return "&choice=" + rng.choice(["yes", "no", "abstain"])
    if method == Ballot.Method.APPROVAL:
        return f"&approved={first_option[ballot_id]}"
    return f"&rank-{first_option[ballot_id]}=1"


plan_members = []
for member in members:
    mine = [g for g in groups_of.get(member.pk, [])]
    candidates = [pk for g in mine for pk in own.get(g, [])][:PER_MEMBER]
    candidates += rng.sample(common, min(len(common), PER_MEMBER * 2))
    rsvps = [pk for pk in dict.fromkeys(candidates) if (member.pk, pk) not in answered]
    rsvps = rsvps[:PER_MEMBER]
    unsigned = [p.pk for p in petitions if (member.email.lower(), p.pk) not in signed]
    rng.shuffle(unsigned)
    ballots = electors.get(member.pk, [])
    rng.shuffle(ballots)
    votes = [[b, vote_body(b)] for b in ballots[:PER_MEMBER] if b in methods and (
        methods[b] == Ballot.Method.MAJORITY or b in first_option)]
    group = Group.objects.filter(pk__in=mine).order_by("pk").first()
    paths = ["/home/", "/events/", "/notifications/", "/notifications/preferences/",
             "/library/", group.get_absolute_url()]
    paths += [f"/events/{pk}/" for pk in rsvps[:1]] + [f"/petitions/{pk}/" for pk in unsigned[:1]]
    paths += [f"/ballots/{b}/" for b, _ in votes[:1]]
    plan_members.append({
        "user": member.pk, "email": member.email.lower(), "cookie": sign_in(member),
        "form": f"/events/{rsvps[0]}/" if rsvps else f"/petitions/{unsigned[0]}/",
        "paths": paths, "rsvps": [[pk] for pk in rsvps],
        "signatures": [[pk, "&postcode=SE15+4QF"] for pk in unsigned[:PER_MEMBER]],
        "votes": votes,
    })

big = Group.objects.filter(kind=Group.Kind.LOCAL).order_by("-member_count").first()
organiser = (
    Membership.objects.filter(group=big, role=Membership.Role.ORGANISER).order_by("pk").first().user
)
if not Authenticator.objects.filter(user=organiser, type=Authenticator.Type.TOTP).exists():
    TOTP.activate(organiser, "JBSWY3DPEHPK3PXP")
url = big.get_absolute_url()
organiser_paths = ["/home/", url, f"{url}members/", f"/events/?group={big.slug}",
                   f"{url}events/new/", f"{url}mailings/", f"{url}mailings/new/", f"{url}audit/",
                   f"{url}plan/"]

some_groups = list(Group.objects.filter(kind=Group.Kind.LOCAL).order_by("?")[:40])
districts = list(PostcodeDistrict.objects.order_by("?").values_list("district", flat=True)[:20])
anonymous = [["/", 10], ["/groups/", 4], ["/events/", 6], ["/campaigns/", 2],
             ["/accounts/signup/", 3], ["/accounts/login/", 3], ["/platform/", 1]]
anonymous += [[f"/groups/?q={d}", 1] for d in districts]
anonymous += [[g.get_absolute_url(), 0.5] for g in some_groups]
public = list(upcoming.filter(visibility=Event.Visibility.PUBLIC).values_list("pk", flat=True))
anonymous += [[f"/events/{pk}/", 0.5] for pk in rng.sample(public, min(len(public), 40))]
anonymous += [[p.get_absolute_url(), 1] for p in petitions]
anonymous += [[p.campaign.get_absolute_url(), 0.5] for p in petitions]

answer = {
    "members": plan_members,
    "organiser": {"cookie": sign_in(organiser), "paths": organiser_paths, "name": organiser.name,
                  "group": big.name},
    "anonymous": anonymous,
}
"""

# The state of the planned writes, before and after the run: per write, whether it is in the
# database, and per event, petition and ballot, its rows and its denormalised counters.
STATE = """
import json
from django.db.models import Count, Q, Sum
from groundwork.campaigns.models import Petition, Signature
from groundwork.democracy.models import Ballot, CastVote, Elector, SealedVote
from groundwork.events.models import Event, Rsvp

plan = json.loads(open(PLAN_FILE).read())
users = [m["user"] for m in plan["members"]]
events = sorted({w[0] for m in plan["members"] for w in m["rsvps"]})
petitions = sorted({w[0] for m in plan["members"] for w in m["signatures"]})
ballots = sorted({w[0] for m in plan["members"] for w in m["votes"]})
active = [Rsvp.Status.CONFIRMED, Rsvp.Status.WAITLISTED]
emails = [m["email"] for m in plan["members"]]
user_of_email = {m["email"]: m["user"] for m in plan["members"]}
answer = {
    "rsvp": sorted(
        [u, e] for u, e in Rsvp.objects.filter(user__in=users, event__in=events, status__in=active)
        .values_list("user", "event")
    ),
    "signature": sorted(
        [user_of_email[e], p] for e, p in Signature.objects.filter(
            email__in=emails, petition__in=petitions, verified_at__isnull=False
        ).values_list("email", "petition")
    ),
    "vote": sorted(
        [u, b] for u, b in Elector.objects.filter(
            user__in=users, ballot__in=ballots, voted_on__isnull=False
        ).values_list("user", "ballot")
    ),
    "rows": {
        "rsvp": Rsvp.objects.filter(event__in=events, status__in=active).count(),
        "signature": Signature.objects.filter(petition__in=petitions).count(),
        "vote": SealedVote.objects.filter(ballot__in=ballots).count()
        + CastVote.objects.filter(ballot__in=ballots).count(),
    },
    "counters": {
        "rsvp": sum(Event.objects.filter(pk__in=events).aggregate(
            c=Sum("confirmed_count"), w=Sum("waitlist_count")).values(), start=0) if events else 0,
        "signature": Petition.objects.filter(pk__in=petitions).aggregate(
            n=Sum("signature_count"))["n"] or 0,
        "vote": Ballot.objects.filter(pk__in=ballots).aggregate(n=Sum("votes_cast"))["n"] or 0,
    },
}
"""


def main() -> int:
    options = parse_arguments()
    if not shutil.which("wrk"):
        print("wrk is not installed. Install it with: apt-get install -y wrk", file=sys.stderr)
        return 2
    if options.redis:
        run.SERVER_ENV["REDIS_URL"] = options.redis
        run.flush_redis(options.redis)
    os.environ.update(run.SERVER_ENV)
    run.collect_static()
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    print(f"Signing in {options.members} members and choosing their writes on {run.DATABASE}…")
    plan = run.django_query(
        f"SEED = {options.seed}\nMEMBERS = {options.members}\n"
        f"PER_MEMBER = {options.per_member}\n{PREPARE}"
    )
    plan_file = WORK / "plan.json"
    plan_file.write_text(json.dumps(plan))
    before = state(plan_file)
    describe(plan)
    port = run.free_loopback_port()
    server = run.start_gunicorn(port)
    load_before = run.load_average()
    try:
        run.wait_until_up(port, server)
        base = f"http://127.0.0.1:{port}"
        for member in plan["members"]:
            member["cookie"], member["token"] = csrf_for(base, member["cookie"], member["form"])
        write_lua_plan(plan, options)
        check_pages(base, plan)
        ceilings = [ceiling(base, options)]
        summary = drive(base, options)
        ceilings.append(ceiling(base, options))
    finally:
        run.stop(server)
    after = state(plan_file)
    lines = read_lines()
    report = Report(lines, summary, plan, options)
    report.print(load_before, ceilings)
    problems = report.problems() + check_database(before, after, lines, plan)
    for problem in problems:
        print(f"PROBLEM: {problem}")
    print("Database check: each write landed exactly once." if not problems else "")
    return 1 if problems else 0


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds of load")
    parser.add_argument("--members", type=int, default=200, help="members signed in")
    parser.add_argument("--per-member", type=int, default=8, help="writes of each kind planned")
    parser.add_argument("--connections", type=int, default=16, help="one wrk thread each")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--redis",
        metavar="URL",
        help="the cache and sessions on this Redis database, as in production (it is emptied "
        "first); default: the local-memory cache and database sessions",
    )
    options = parser.parse_args()
    if not 5 <= options.duration <= MAX_DURATION:
        parser.error(f"--duration must be 5-{MAX_DURATION} s")
    if not 2 <= options.members <= 2000 or not 1 <= options.per_member <= 50:
        parser.error("--members must be 2-2000 and --per-member 1-50")
    if not 2 <= options.connections <= min(64, options.members):
        parser.error("--connections must be 2-64, and no more than --members")
    return options


def state(plan_file: Path) -> dict:
    return run.django_query(f"PLAN_FILE = {str(plan_file)!r}\n{STATE}")


def describe(plan: dict) -> None:
    members = plan["members"]
    planned = {kind: sum(len(m[f"{kind}s"]) for m in members) for kind in WRITES}
    print(
        f"{len(members)} members signed in; writes open to them: {planned['rsvp']:,} RSVPs, "
        f"{planned['signature']:,} signatures, {planned['vote']:,} votes; organiser: "
        f"{plan['organiser']['name']} of {plan['organiser']['group']}"
    )


COOKIE = re.compile(r"^([^=;\s]*csrf[^=;\s]*)=([^;]+)", re.IGNORECASE)
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def csrf_for(base: str, cookie: str, path: str) -> tuple[str, str]:
    """As a browser: load a page with a form, keep the CSRF cookie it sets and its form's token."""
    request = urllib.request.Request(base + path, headers={"Cookie": cookie})
    response = urllib.request.build_opener(run.NoRedirect).open(request, timeout=30)
    body = response.read().decode()
    found = [COOKIE.match(value) for value in response.headers.get_all("Set-Cookie") or []]
    csrf = next((match for match in found if match), None)
    token = TOKEN.search(body)
    if response.status != 200 or csrf is None or token is None:
        raise SystemExit(f"{path} gave no CSRF cookie and form token (status {response.status})")
    return f"{cookie}; {csrf.group(1)}={csrf.group(2)}", token.group(1)


def lua_value(value) -> str:
    if isinstance(value, dict):
        return (
            "{" + ", ".join(f"[{json.dumps(k)}] = {lua_value(v)}" for k, v in value.items()) + "}"
        )
    if isinstance(value, list):
        return "{" + ", ".join(lua_value(v) for v in value) + "}"
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string of ASCII is a Lua string
    return repr(value)


def write_lua_plan(plan: dict, options: argparse.Namespace) -> None:
    """The plan for mixed.lua: anonymous paths repeated by weight, kinds and their weights."""
    anonymous = [path for path, weight in plan["anonymous"] for _ in range(round(weight * 2))]
    lua = {
        "seed": options.seed,
        "threads": options.connections,
        "kinds": [[kind, weight] for kind, weight in KINDS],
        "total_weight": sum(weight for _, weight in KINDS),
        "anonymous": anonymous,
        "organiser": {"cookie": plan["organiser"]["cookie"], "paths": plan["organiser"]["paths"]},
        "members": [
            {
                key: member[key]
                for key in ("cookie", "token", "paths", "rsvps", "signatures", "votes")
            }
            for member in plan["members"]
        ],
    }
    (WORK / "plan.lua").write_text("return " + lua_value(lua) + "\n", encoding="ascii")


def check_pages(base: str, plan: dict) -> None:
    """Every page of the mix answers 200 before the load, once each (a typo fails here)."""
    member = plan["members"][0]
    checks = {path: "" for path, _ in plan["anonymous"]}
    checks |= {path: plan["organiser"]["cookie"] for path in plan["organiser"]["paths"]}
    checks |= {path: member["cookie"] for path in member["paths"]}
    for path, cookie in checks.items():
        run.check_page(base, run.Page(path, path, cookie=cookie))


def drive(base: str, options: argparse.Namespace) -> dict:
    print(f"Mixed load: {options.connections} connections for {options.duration} s…", flush=True)
    command = ["wrk", "--threads", str(options.connections), "--connections",
               str(options.connections), "--duration", f"{options.duration}s", "--timeout", "10s",
               "--script", str(LUA), base, "--", str(WORK / "plan.lua"), str(WORK)]  # fmt: skip
    done = subprocess.run(command, text=True, capture_output=True, timeout=options.duration + 60)
    found = run.RESULT.search(done.stdout)
    if done.returncode or not found:
        raise SystemExit(f"wrk failed:\n{done.stdout}{done.stderr}")
    return {key: float(value) for key, value in re.findall(r"(\w+)=([\d.]+)", found.group(1))}


def ceiling(base: str, options: argparse.Namespace) -> float:
    """The framework ceiling's requests/s (bench/run.py's 50-row view) with as many connections,
    for 10 s: the machine is shared, so the mix is given as a share of it, measured alike."""
    page = run.Page("ceiling (50 rows)", "/bench/ceiling/", expect="<table>")
    found = run.wrk(base, page, 10, options.connections)
    return found["requests"] / found["seconds"]


def read_lines() -> list[list[str]]:
    lines = []
    for file in sorted(WORK.glob("thread-*.tsv")):
        lines += [line.rstrip("\n").split("\t") for line in file.read_text().splitlines()]
    return lines


def expected(kind: str, status: int, target: str, location: str) -> str:
    """ "ok", "refused" (a vote sent again, answered politely) or "unexpected"."""
    if "page" in kind:
        return "ok" if status == 200 else "unexpected"
    goes_to = {
        "rsvp": f"/events/{target}/",
        "signature": f"/petitions/{target}/signed/",
        "vote": f"/ballots/{target}/voted/",
        "vote again": f"/ballots/{target}/voted/",
    }[kind]
    if status == 302 and location == goes_to:
        return "refused" if kind == "vote again" else "ok"
    if kind == "vote again" and status == 400:
        return "refused"
    return "unexpected"


class Report:
    def __init__(self, lines: list[list[str]], summary: dict, plan: dict, options) -> None:
        self.summary, self.options, self.plan = summary, options, plan
        self.times: dict[str, list[float]] = defaultdict(list)
        self.outcomes: dict[str, Counter] = defaultdict(Counter)
        self.statuses: dict[str, Counter] = defaultdict(Counter)
        self.lost: Counter = Counter()
        self.by_path: dict[str, list[float]] = defaultdict(list)
        for what, kind, status, took, _member, target, path, location in lines:
            if what == "lost":
                self.lost[kind] += 1
            if what != "done":
                continue
            self.times[kind].append(int(took) / 1000)
            if "page" in kind:
                self.by_path[path_pattern(path)].append(int(took) / 1000)
            self.outcomes[kind][expected(kind, int(status), target, location)] += 1
            self.statuses[kind][status] += 1

    def print(self, load_before: str, ceilings: list[float]) -> None:
        seconds = self.summary["seconds"]
        total = sum(len(times) for times in self.times.values())
        options = self.options
        print()
        print(
            f"Mixed load on {run.DATABASE}: {len(self.plan['members'])} members signed in + the "
            f"organiser; wrk {options.connections} connections (one thread each), "
            f"{options.duration} s; gunicorn 2 sync workers; {os.cpu_count()} cores; load average "
            f"{load_before} before, {run.load_average()} after; "
            + ("cache and sessions on Redis" if options.redis else "local-memory cache")
        )
        print()
        print(
            f"**{total / seconds:,.0f} requests/s overall** ({total:,} answered in {seconds:.0f} s;"
            f" socket errors {self.summary['errors']:.0f}, of them timeouts "
            f"{self.summary['timeouts']:.0f}); the ceiling (50 rows, same connections) "
            f"{ceilings[0]:,.0f} requests/s before and {ceilings[1]:,.0f} after: the mix at "
            f"**{total / seconds / statistics.mean(ceilings):.0%} of the ceiling**"
        )
        print()
        print("| kind | share | answered | requests/s | p50 ms | p95 ms | p99 ms | answers | "
              "refused as expected | unexpected |")  # fmt: skip
        print("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|")
        for kind, _weight in KINDS:
            times = sorted(self.times.get(kind, []))
            if not times:
                print(f"| {kind} | 0% | 0 | 0 | | | | | 0 | {self.lost[kind]} lost |")
                continue
            answers = ", ".join(f"{s}: {n:,}" for s, n in sorted(self.statuses[kind].items()))
            outcome = self.outcomes[kind]
            print(
                f"| {kind} | {len(times) / total:.0%} | {len(times):,} | {len(times) / seconds:,.1f}"
                f" | {percentile(times, 50):.0f} | {percentile(times, 95):.0f} | "
                f"{percentile(times, 99):.0f} | {answers} | {outcome['refused']:,} | "
                f"{outcome['unexpected'] + self.lost[kind]:,} |"
            )
        slow = sorted(
            ((statistics.median(t), kind) for kind, t in self.times.items() if t), reverse=True
        )
        print()
        print("Median ms by kind: " + ", ".join(f"{kind} {ms:.0f}" for ms, kind in slow))
        slowest = sorted(
            ((statistics.median(t), path, len(t)) for path, t in self.by_path.items()),
            reverse=True,
        )[:6]
        print(
            "Slowest pages by median ms (answers): "
            + ", ".join(f"{path} {ms:.0f} ({n})" for ms, path, n in slowest)
        )

    def problems(self) -> list[str]:
        found = [
            f"{kind}: {outcome['unexpected']} unexpected answers"
            for kind, outcome in self.outcomes.items()
            if outcome["unexpected"]
        ]
        found += [
            f"{kind}: {count} requests without an answer" for kind, count in self.lost.items()
        ]
        if self.summary["errors"]:
            found.append(f"{self.summary['errors']:.0f} socket errors or timeouts")
        return found


def path_pattern(path: str) -> str:
    """/groups/<slug>/members/ for every group, /events/<pk>/ for every event, and so on."""
    path = re.sub(r"^/groups/(?!\?)[^/]+/", "/groups/<slug>/", path)
    path = re.sub(r"\?q=\w+", "?q=<district>", path)
    return re.sub(r"/\d+/", "/<pk>/", path)


def percentile(ordered: list[float], percent: int) -> float:
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]


def check_database(before: dict, after: dict, lines: list[list[str]], plan: dict) -> list[str]:
    """Each write answered as done is in the database once, none that was not sent is, and the
    rows and counters rose by exactly the writes that landed."""
    users = [member["user"] for member in plan["members"]]
    sent: dict[str, set] = defaultdict(set)
    answered: dict[str, set] = defaultdict(set)
    for what, kind, status, _took, member, target, _path, location in lines:
        if kind not in WRITES:
            continue
        pair = (users[int(member) - 1], int(target))
        if what == "sent":
            sent[kind].add(pair)
        elif what == "done" and expected(kind, int(status), target, location) == "ok":
            answered[kind].add(pair)
    problems = []
    print()
    print("| write | answered as done | in flight when wrk stopped | new in the database | "
          "rows added | counters added |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|")
    for kind in WRITES:
        had = {tuple(pair) for pair in before[kind]}
        has = {tuple(pair) for pair in after[kind]}
        new = has - had
        rows = after["rows"][kind] - before["rows"][kind]
        counters = after["counters"][kind] - before["counters"][kind]
        in_flight = sent[kind] - answered[kind]
        print(
            f"| {kind} | {len(answered[kind]):,} | {len(in_flight)} | {len(new):,} | {rows:,} | "
            f"{counters:,} |"
        )
        if had & sent[kind]:
            problems.append(f"{kind}: {len(had & sent[kind])} planned writes were there before")
        if missing := answered[kind] - has:
            problems.append(f"{kind}: {len(missing)} answered as done are not in the database")
        if unsent := new - sent[kind]:
            problems.append(f"{kind}: {len(unsent)} in the database were never sent")
        if had - has:
            problems.append(f"{kind}: {len(had - has)} that were there have gone")
        if rows != len(new) or counters != len(new):
            problems.append(
                f"{kind}: {len(new)} new, but rows rose by {rows} and counters by {counters}"
            )
    return problems


if __name__ == "__main__":
    # Ctrl-C and a plain `kill` both unwind through main()'s finally, which stops gunicorn.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sys.exit(main())

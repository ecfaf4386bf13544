"""The shape of the code: imports run one way, every app uses the same file names, and no file
outgrows the size STYLE.md allows.

Import order (STYLE.md): core ← members ← groups ← {aims, democracy, campaigns, events, projects,
resources, accountability} ← outcomes ← {api, federation}, with accountability moved one tier right
of its siblings (below). STYLE.md does not place notifications
(DESIGN.md lists it); it sits here between members and groups, as a service every app to its right
may call, knowing only of members. Nor does it place learning (courses built from the shared
library), which sits right of resources, before outcomes. The demo and benchmark data
(groundwork/demo) sits at the right end, after every app: it calls each app's actions and models
directly, and nothing imports it, not even the project's config, tests or benchmarks. An app may
import apps to its left, never one to its right nor a sibling in its own tier. Every .py file under
groundwork/<app>/ is parsed (tests and migrations too), so a lazy import inside a function is caught
as well.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "groundwork"

TIERS = [
    {"core"},
    {"members"},
    {"notifications"},
    {"groups"},
    # aims sits alone: every domain app links its work to the platform's objectives (the lead's
    # refinement of STYLE.md); aims learns their figures through its roll-up hook.
    {"aims"},
    {
        "democracy",
        "campaigns",
        "events",
        "projects",
        "resources",
    },
    # accountability sits right of its siblings (the lead's refinement of STYLE.md): the movement's
    # officers and delegates are elected and recalled by democracy's ballots, and campaigns ask
    # the public's representatives for pledges.
    {"accountability"},
    {"learning"},
    {"outcomes"},
    {"api", "federation"},
    # Made-up data for the demo and benchmarks: built with every app's code, used by none.
    {"demo"},
]
TIER_OF = {app: number for number, apps in enumerate(TIERS) for app in apps}


def apps_on_disk() -> list[str]:
    return sorted(
        path.name
        for path in ROOT.iterdir()
        if path.is_dir() and (path / "__init__.py").exists() and not path.name.startswith("_")
    )


def imported_apps(source: str, module: str) -> set[tuple[str, int]]:
    """(app, line) for every groundwork app that `source`, the module named `module`, imports."""
    found = set()
    package = module.split(".")
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Import | ast.ImportFrom | ast.Call):
            continue
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's own package
                base = package[: len(package) - node.level]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [target] + [f"{target}.{alias.name}" for alias in node.names]
        elif (
            getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names = [node.args[0].value]
        for name in names:
            parts = name.split(".")
            if len(parts) >= 2 and parts[0] == "groundwork":
                found.add((parts[1], node.lineno))
    return found


def violations_in(app: str, source: str, module: str) -> list[str]:
    problems = []
    for other, line in sorted(imported_apps(source, module)):
        if other == app or other not in TIER_OF and other not in apps_on_disk():
            continue  # the app itself, or a name like groundwork.__version__
        if other not in TIER_OF:
            problems.append(f"{module}:{line} imports {other}, which has no place in the order")
        elif TIER_OF[other] >= TIER_OF[app]:
            relation = "a sibling" if TIER_OF[other] == TIER_OF[app] else "an app to its right"
            problems.append(f"{module}:{line} imports {other}, {relation}")
    return problems


def python_files(app: str):
    """(path, dotted module name) of every .py file of the app; a package keeps its __init__,
    so that relative imports resolve against the package itself."""
    for path in sorted((ROOT / app).rglob("*.py")):
        yield path, ".".join(path.relative_to(ROOT.parent).with_suffix("").parts)


@pytest.mark.parametrize("app", apps_on_disk())
def test_the_app_has_a_place_in_the_import_order(app):
    assert app in TIER_OF, f"groundwork/{app} is not in the import order of STYLE.md; add it there"


def import_violations(app: str) -> list[str]:
    problems = []
    for path, module in python_files(app):
        problems += violations_in(app, path.read_text(), module)
    return problems


@pytest.mark.parametrize("app", apps_on_disk())
def test_imports_run_one_way(app):
    assert import_violations(app) == []


def test_every_app_is_checked():
    """Guards the parametrised tests above: an empty walk would pass them all."""
    assert {"core", "members", "groups"} <= set(apps_on_disk())
    assert sum(1 for _ in python_files("groups")) > 5


@pytest.mark.parametrize(
    ("app", "module", "source", "expected"),
    [
        ("core", "groundwork.core.models", "from groundwork.groups.models import Group", 1),
        ("members", "groundwork.members.views", "import groundwork.groups.queries", 1),
        ("groups", "groundwork.groups.views", "from groundwork import members, events", 1),
        ("aims", "groundwork.aims.rules", "from groundwork.democracy import rules", 1),
        ("groups", "groundwork.groups.x", "def f():\n    from groundwork.outcomes import m", 1),
        ("groups", "groundwork.groups.x", "import_module('groundwork.api.views')", 1),
        ("core", "groundwork.core.tests.test_x", "from ...groups import models", 1),
        ("groups", "groundwork.groups.__init__", "from ..democracy import counting", 1),
        ("democracy", "groundwork.democracy.counting.__init__", "from .model import Stage", 0),
        ("outcomes", "groundwork.outcomes.x", "from groundwork.events.models import Event", 0),
        ("groups", "groundwork.groups.views", "from groundwork.core.audit import record", 0),
        ("groups", "groundwork.groups.views", "from . import queries", 0),
        ("api", "groundwork.api.views", "from groundwork.outcomes import queries", 0),
        ("learning", "groundwork.learning.tests.x", "from groundwork.demo import alliance", 1),
        ("demo", "groundwork.demo.alliance", "from groundwork.learning import actions", 0),
    ],
)
def test_the_import_check_catches_what_it_should(app, module, source, expected):
    assert len(violations_in(app, source, module)) == expected


def modules_importing_the_demo(project: Path) -> list[str]:
    """Every module of the project outside groundwork/demo that imports it (config, tests and
    benchmarks too: the demo runs through its management commands only)."""
    found = []
    for folder in ("groundwork", "config", "tests", "bench"):
        for path in sorted((project / folder).rglob("*.py")):
            parts = path.relative_to(project).with_suffix("").parts
            if parts[:2] == ("groundwork", "demo"):
                continue
            if any(app == "demo" for app, _ in imported_apps(path.read_text(), ".".join(parts))):
                found.append(path.relative_to(project).as_posix())
    return found


def test_nothing_imports_the_demo():
    assert (ROOT / "demo" / "management" / "commands" / "load_demo.py").exists()
    assert modules_importing_the_demo(ROOT.parent) == []


def test_the_demo_check_catches_an_import(tmp_path):
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_x.py").write_text("from groundwork.demo.alliance import load_demo")
    (tmp_path / "groundwork" / "demo").mkdir(parents=True)
    (tmp_path / "groundwork" / "demo" / "x.py").write_text("from groundwork.demo import scale")
    assert modules_importing_the_demo(tmp_path) == ["tests/test_x.py"]


# --- the file vocabulary --------------------------------------------------------------------

VOCABULARY = {
    # STYLE.md's vocabulary, shared by every app
    "__init__.py",
    "models.py",
    "actions.py",
    "queries.py",
    "rules.py",
    "forms.py",
    "views.py",
    "urls.py",
    "api.py",
    "admin.py",
    "tasks.py",
    "hooks.py",
    "reactions.py",
    "templates",
    "tests",
    # Django's own names
    "apps.py",
    "migrations",
    "management",
    "templatetags",
    "static",
    "context_processors.py",
    "backends.py",
    "checks.py",
    "middleware.py",
    # helpers that are part of the foundation
    "adapters.py",
    "errors.py",
    "audit.py",
    "email.py",
    "postcodes.py",
    "markdown.py",
    "csv.py",
    "pagination.py",
    "rate_limits.py",
    "access.py",
    "idempotency.py",
    "text.py",
    # Django's name for a database router (settings.DATABASE_ROUTERS): reads to the replica
    "db_routers.py",
    # the job worker's reconnection, heartbeat and lease (core, issue #16)
    "jobs.py",
    # the RQ option's worker class, which waits out a Redis outage (issue #16)
    "rq_worker.py",
    "fragments.py",  # public parts of pages kept in the cache until an action changes them
    "cards.py",  # a long list's cards kept in the cache under a key of what they show
    "written.py",  # what rows written in Python share: links reversed once, dates as Django's
}
# Pure logic with no ORM, in a module or package of its own (STYLE.md "Layout").
PURE_LOGIC = {
    # Readers of the published files of representatives (importing: one module per format) and
    # of Public Whip's and parlparse's (publicwhip), and Public Whip's agreement score: plain
    # functions over dataclasses, tested on the real files without a database (issue #12); and
    # which votes break a signed pledge (pledging.py).
    "accountability": {"importing", "publicwhip", "scoring.py", "pledging.py"},
    # counting: the counts; ballot_box.py: the sealed box's cryptography (keys, shares, votes).
    "democracy": {"counting", "ballot_box.py"},
    # Great-circle distances and the nearest groups to a postcode district's centre; the map of
    # the groups drawn as SVG from plain points (issue #14). Reading members' lists exported from
    # other tools: header detection, normalising and sorting rows, tested on the real files (#15).
    "groups": {"distance.py", "map.py", "member_import"},
    # Readers of official statistics files, one module per format (parsing); progress towards
    # targets and ranks among comparable areas (metrics); charts drawn as SVG (charts) (issue #13).
    "outcomes": {"parsing", "metrics.py", "metrics", "charts.py", "charts"},
    # Reading bounce (RFC 3464) and complaint (ARF) reports from the mail server (issue #14).
    "notifications": {"bounces.py"},
    # Backups (issue #16): the nightly pg_dump and the drill that restores one and compares every
    # table, with psycopg and PostgreSQL's own programs, since they compare whole databases.
    "core": {"backups"},
    # What a webhook delivery puts on the wire (Standard Webhooks' signature and headers), the
    # retry schedule and which IP addresses a delivery may go to: tested without a database, the
    # signature against the specification's reference library (issue #15).
    # OSDI's HAL+JSON shapes of people, events, attendances, petitions and signatures, from plain
    # dataclasses, tested against the spec's own examples without a database (issue #15).
    "api": {"signing.py", "osdi.py"},
}
# The demo alliance and the national-scale dataset, each one module per app (groundwork/demo),
# and the small published sample the demo's register is imported from (data/, with SOURCES.md).
DEMO_DATA = {"demo": {"alliance", "scale", "data"}}
IGNORED = {"__pycache__"}


@pytest.mark.parametrize("app", apps_on_disk())
def test_the_app_uses_the_shared_file_names(app):
    present = {
        path.name
        for path in (ROOT / app).iterdir()
        if path.name not in IGNORED and not path.name.startswith(".")
    }
    # A module past ~400 lines becomes a package of the same name (actions.py -> actions/).
    packages = {name.removesuffix(".py") for name in VOCABULARY if name.endswith(".py")}
    unexpected = {
        name
        for name in present - VOCABULARY - PURE_LOGIC.get(app, set()) - DEMO_DATA.get(app, set())
        if not (name in packages and (ROOT / app / name / "__init__.py").exists())
    }
    assert unexpected == set(), (
        f"groundwork/{app} has files outside the vocabulary of STYLE.md: {sorted(unexpected)}. "
        "Use the shared names, or add a pure-logic module to PURE_LOGIC with a reason."
    )


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(ROOT / app / name, id=f"{app}/{name}")
        for app, names in PURE_LOGIC.items()
        for name in sorted(names)
        if (ROOT / app / name).exists()
    ],
)
def test_pure_logic_does_not_touch_the_database(path):
    """Counting and metrics are plain functions over dataclasses: no ORM, no Django models."""
    files = [path] if path.is_file() else sorted(path.rglob("*.py"))
    offending = []
    for file in files:
        for node in ast.walk(ast.parse(file.read_text())):
            if isinstance(node, ast.ImportFrom | ast.Import):
                names = (
                    [node.module or ""]
                    if isinstance(node, ast.ImportFrom)
                    else [alias.name for alias in node.names]
                )
                for name in names:
                    if name.startswith(("django.db", "django.apps")) or name.endswith(".models"):
                        offending.append(f"{file.relative_to(ROOT)}:{node.lineno} imports {name}")
    assert offending == []


def test_no_rule_answers_for_a_django_admin_model_permission():
    """The admin asks every backend for "<app>.<add|change|delete|view>_<model>" with no object;
    a rule of that name would answer it (always_allow would open the admin to every staff user,
    an object predicate would crash on None). Rules use other verbs for registered models."""
    import rules
    from django.contrib import admin

    import config.urls  # noqa: F401  (registers the admin's models)

    shadowing = [
        f"{model._meta.app_label}.{action}_{model._meta.model_name}"
        for model in admin.site._registry
        for action in ("add", "change", "delete", "view")
        if rules.perm_exists(f"{model._meta.app_label}.{action}_{model._meta.model_name}")
    ]
    assert shadowing == []


# --- sizes ----------------------------------------------------------------------------------

PROJECT = ROOT.parent
MODULE_LINES = 400
TEST_FILE_LINES = 600
SIZE_RULES = {
    MODULE_LINES: "modules past ~400 lines become packages that re-export their public names",
    TEST_FILE_LINES: "a test file past ~600 lines is split by feature",
}
# Files allowed past their limit, each with its reason (paths from the project root). Remove an
# entry once its file is split; a test fails on an entry that is no longer needed.
OVERSIZED: dict[str, str] = {}


def sized_files(project: Path = PROJECT) -> list[Path]:
    """Every Python file of the project's code and tests; migrations are generated, so left out."""
    files = [project / "conftest.py"] if (project / "conftest.py").exists() else []
    for folder in ("groundwork", "config", "tests"):
        files += sorted((project / folder).rglob("*.py"))
    return [file for file in files if "migrations" not in file.relative_to(project).parts]


def line_limit(path: Path) -> int:
    return TEST_FILE_LINES if path.name.startswith("test_") else MODULE_LINES


def oversized(files: list[Path], project: Path = PROJECT, allowed=OVERSIZED) -> list[str]:
    """One message per file past its limit that is not allowed by name."""
    messages = []
    for path in files:
        name, limit = path.relative_to(project).as_posix(), line_limit(path)
        lines = len(path.read_text().splitlines())
        if lines > limit and name not in allowed:
            messages.append(
                f"{name} has {lines} lines, past {limit}. STYLE.md: {SIZE_RULES[limit]}."
            )
    return messages


def test_no_module_passes_400_lines_and_no_test_file_600():
    messages = oversized(sized_files())
    assert messages == [], "\n".join(messages)


def test_every_oversized_exception_is_still_needed():
    stale = [
        name
        for name in OVERSIZED
        if not (PROJECT / name).exists()
        or len((PROJECT / name).read_text().splitlines()) <= line_limit(PROJECT / name)
    ]
    assert stale == [], f"Remove from OVERSIZED, now within their limit or gone: {stale}"


@pytest.mark.parametrize(
    ("name", "lines", "caught"),
    [
        ("groundwork/core/queries.py", 400, False),
        ("groundwork/core/queries.py", 401, True),
        ("groundwork/core/tests/test_queries.py", 600, False),
        ("groundwork/core/tests/test_queries.py", 601, True),
        ("tests/test_pages.py", 601, True),
        ("config/settings.py", 401, True),
        ("groundwork/core/migrations/0002_more.py", 2000, False),
    ],
)
def test_the_size_check_catches_what_it_should(tmp_path, name, lines, caught):
    path = tmp_path / name
    path.parent.mkdir(parents=True)
    path.write_text("x = 1\n" * lines)
    messages = oversized(sized_files(tmp_path), tmp_path, allowed={})
    assert len(messages) == caught
    if caught:
        rule = "is split by feature" if path.name.startswith("test_") else "become packages"
        assert messages[0].startswith(f"{name} has {lines} lines") and rule in messages[0]


# --- tasks are entry points -----------------------------------------------------------------

# Tasks whose work is not an action of their app, each with its reason.
TASKS_WITHOUT_ACTION = {
    "core.send_email": "sending the email is the job itself: a transport, with no state to change",
    "core.apply_retention": "runs each app's retention rule (core.hooks), which deletes or "
    "anonymises rows past their period: housekeeping with no action of a person behind it",
    "notifications.send_digests": "a fan-out: it only enqueues send_digests_to for batches of "
    "members, which calls do_send_digest",
}


def tasks_without_action(path: Path, app: str) -> list[str]:
    """The @task functions of a tasks.py that call no `do_` action: their work would be in the
    task itself, out of reach of the views, the API and the tests that call actions."""
    missing = []
    for node in ast.parse(path.read_text()).body:
        if not isinstance(node, ast.FunctionDef) or not any(
            "task" in ast.unparse(decorator) for decorator in node.decorator_list
        ):
            continue
        called = {
            getattr(call.func, "attr", getattr(call.func, "id", ""))
            for call in ast.walk(node)
            if isinstance(call, ast.Call)
        }
        if not any(name.startswith("do_") for name in called):
            missing.append(f"{app}.{node.name}")
    return missing


def test_every_task_calls_a_do_action():
    found = [
        name
        for app in apps_on_disk()
        if (ROOT / app / "tasks.py").exists()
        for name in tasks_without_action(ROOT / app / "tasks.py", app)
    ]
    assert "core.send_email" in found  # the walk reaches the tasks
    assert sorted(set(found) - set(TASKS_WITHOUT_ACTION)) == []


def test_the_task_check_catches_work_done_in_a_task(tmp_path):
    path = tmp_path / "tasks.py"
    path.write_text(
        "@task()\ndef a(pk):\n    return actions.do_a(pk)\n\n"
        "@task()\ndef b(pk):\n    Ballot.objects.filter(pk=pk).update(status='closed')\n\n"
        "def schedule_b(pk):\n    b.enqueue(pk)\n"
    )
    assert tasks_without_action(path, "x") == ["x.b"]

"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Every page a test visits is checked with axe-core (`assert_accessible`); set
GROUNDWORK_SCREENSHOTS to a folder to also keep screenshots of the key pages at desktop and phone
widths (`screenshot`).
"""

import os
import re
import shutil
import time
from importlib import import_module
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.cache import cache
from django.core.management import call_command
from playwright.sync_api import Browser, Page, ViewportSize, expect

from groundwork.groups.models import PostcodeDistrict
from groundwork.groups.tests.factories import PASSWORD, UserFactory, current_totp_code, join

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make there
# (fixtures, the job worker) are still synchronous, so Django's guard against them is lifted.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
_axe = Axe()


def chromium_path() -> str:
    path = (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )
    if not path:
        pytest.fail(
            "No Chromium found for the browser tests. Run `make test` (it installs Debian's "
            "chromium), or `apt-get install chromium`, or set CHROMIUM to its path.",
            pytrace=False,
        )
    return path


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Browser tests run last: they are transactional, and the flush after each one empties
    the tables migrations seed (the platform's aims) that other tests read. pytest-django puts
    transactional tests last, but the session-scoped browser fixtures pull them forward again."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium (Playwright cannot download its own browser here)."""
    return {
        **browser_type_launch_args,
        "executable_path": chromium_path(),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": DESKTOP, "locale": "en-GB"}


@pytest.fixture(autouse=True)
def _short_timeouts(context):
    """Fail in seconds, not half a minute: pages come from loopback, but the first request of a
    run warms Django up and a shared 2-core machine can take several seconds over it."""
    context.set_default_timeout(15_000)
    expect.set_options(timeout=15_000)


@pytest.fixture
def seeded_platform(db):
    """The platform's aims and objectives: a transactional test empties every table, the rows of
    data migrations too, so tests that need the seeded platform put it back."""
    from django.apps import apps

    from groundwork.aims.models import Objective

    if not Objective.objects.exists():
        import_module("groundwork.aims.migrations.0002_seed_platform").seed(apps, None)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """allauth remembers used TOTP codes and rate limits in the cache; each test starts clean."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def riverside_in_se15(riverside):
    PostcodeDistrict.objects.create(group=riverside, district="SE15")
    return riverside


@pytest.fixture
def hillside_in_se13(hillside):
    PostcodeDistrict.objects.create(group=hillside, district="SE13")
    return hillside


@pytest.fixture
def erin(riverside):
    """A second member of Riverside."""
    user = UserFactory(email="erin@example.org", display_name="Erin")
    join(riverside, user)
    return user


@pytest.fixture
def new_page(browser: Browser, browser_context_args):
    """Open a page in a browser context of its own (another person, with their own cookies)."""
    contexts = []

    def open_page() -> Page:
        context = browser.new_context(**browser_context_args)
        context.set_default_timeout(5_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def run_worker() -> None:
    """Run the jobs waiting in the database queue (sending email), as the worker would."""
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def assert_accessible(page: Page) -> None:
    """Fail with every axe-core violation on the page as it is now."""
    results = _axe.run(page)
    violations = results.response["violations"]
    if violations:
        lines = [f"axe-core found {len(violations)} violation(s) on {page.url}:"]
        for violation in violations:
            lines.append(
                f"- {violation['id']} ({violation['impact']}): {violation['help']} "
                f"<{violation['helpUrl']}>"
            )
            for node in violation["nodes"]:
                lines.append(f"    {node['target']}: {node.get('failureSummary', '')!r}")
        pytest.fail("\n".join(lines), pytrace=False)


def visit(page: Page, url: str) -> None:
    """Open `url` and check the page with axe-core."""
    page.goto(url)
    assert_accessible(page)


def screenshot(page: Page, name: str) -> None:
    """Keep screenshots of the page at desktop and phone widths, if GROUNDWORK_SCREENSHOTS is set."""
    folder = os.environ.get("GROUNDWORK_SCREENSHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        page.screenshot(path=f"{folder}/{name}-{label}.png", full_page=True)
    if size:
        page.set_viewport_size(size)


def fresh_totp_code() -> str:
    """The authenticator's code, waiting for the next one if this one expires within seconds.

    allauth accepts only the current 30-second step (MFA_TOTP_TOLERANCE is 0), so a code typed
    at the very end of its step would be refused by the time the form arrives.
    """
    seconds_left = 30 - time.time() % 30
    if seconds_left < 3:
        time.sleep(seconds_left + 0.1)
    return current_totp_code()


def sign_in(page: Page, live_server, user, *, two_factor: bool = False) -> None:
    """Sign in through allauth's form, with the authenticator's code when the user has one."""
    visit(page, f"{live_server.url}/accounts/login/")
    screenshot(page, "sign-in")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    if two_factor:
        expect(page.get_by_role("heading", name=re.compile("two-factor", re.I))).to_be_visible()
        assert_accessible(page)
        screenshot(page, "two-factor")
        page.get_by_label(re.compile("code", re.I)).fill(fresh_totp_code())
        page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{live_server.url}/home/")
    assert_accessible(page)

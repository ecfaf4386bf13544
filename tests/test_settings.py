"""Settings: a mistyped value stops start-up with a message naming the variable, every variable
is documented in `.env.example`, and the GROUNDWORK_* settings are read in config/settings.py only.
"""

import ast
import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from config.settings import env_bool, env_choice, env_int

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_FILE = ROOT / "config" / "settings.py"
# Rewritten by the petition rate-limit work of issue #10; it still reads its two settings itself.


# --- parsing --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [("true", True), ("Yes", True), (" ON ", True), ("1", True)]
    + [("false", False), ("NO", False), ("off", False), ("0", False), ("", True)],
)
def test_a_boolean_takes_the_usual_words_and_empty_means_the_default(monkeypatch, value, expected):
    monkeypatch.setenv("GROUNDWORK_EXAMPLE", value)
    assert env_bool("GROUNDWORK_EXAMPLE", True) is expected


@pytest.mark.parametrize("value", ["ture", "flase", "2", "enabled"])
def test_a_mistyped_boolean_is_refused_naming_the_variable_and_the_words(monkeypatch, value):
    monkeypatch.setenv("GROUNDWORK_EXAMPLE", value)
    with pytest.raises(ImproperlyConfigured) as refused:
        env_bool("GROUNDWORK_EXAMPLE", False)
    message = str(refused.value)
    assert f"GROUNDWORK_EXAMPLE='{value}'" in message
    assert "true, yes, on, 1" in message and "false, no, off, 0" in message


def test_a_boolean_can_come_from_a_file(monkeypatch, tmp_path):
    (tmp_path / "flag").write_text("yes\n")
    monkeypatch.setenv("GROUNDWORK_EXAMPLE_FILE", str(tmp_path / "flag"))
    assert env_bool("GROUNDWORK_EXAMPLE", False) is True


def test_a_whole_number_is_read_and_empty_means_the_default(monkeypatch):
    monkeypatch.setenv("GROUNDWORK_EXAMPLE", " 30 ")
    assert env_int("GROUNDWORK_EXAMPLE", 14) == 30
    monkeypatch.setenv("GROUNDWORK_EXAMPLE", "")
    assert env_int("GROUNDWORK_EXAMPLE", 14) == 14


@pytest.mark.parametrize("value", ["fourteen", "14 days", "1.5", "-1"])
def test_a_value_that_is_no_whole_number_is_refused_naming_the_variable(monkeypatch, value):
    monkeypatch.setenv("GROUNDWORK_EXAMPLE", value)
    with pytest.raises(ImproperlyConfigured, match=f"GROUNDWORK_EXAMPLE='{value}' is not a whole"):
        env_int("GROUNDWORK_EXAMPLE", 14)


def test_a_choice_outside_the_list_is_refused_naming_the_choices(monkeypatch):
    monkeypatch.setenv("TASKS_BACKEND", "celery")
    with pytest.raises(ImproperlyConfigured, match="TASKS_BACKEND='celery' is not one of a, b"):
        env_choice("TASKS_BACKEND", "a", ("a", "b"))


# --- start-up -------------------------------------------------------------------------------


def clean_environment(**variables: str) -> dict[str, str]:
    """This process's environment without Groundwork's variables, plus VARIABLES."""
    documented = documented_variables()
    kept = {key: value for key, value in os.environ.items() if key not in documented}
    return kept | {"DJANGO_SETTINGS_MODULE": "config.settings"} | variables


def test_groundwork_does_not_start_with_a_mistyped_boolean():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=clean_environment(DEBUG="ture"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: DEBUG='ture' is neither true nor false" in result.stderr


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("GROUNDWORK_REQUIRE_TWO_FACTOR", "nope"),
        ("GROUNDWORK_INVITATION_DAYS", "two weeks"),
        ("DATABASE_CONN_MAX_AGE", "1m"),
        ("TASKS_BACKEND", "Redis"),
        ("LOG_LEVEL", "verbose"),
    ],
)
def test_the_settings_refuse_a_mistyped_value(monkeypatch, variable, value):
    for name in documented_variables():
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(variable, value)
    with pytest.raises(ImproperlyConfigured, match=variable):
        runpy.run_path(str(SETTINGS_FILE))


def test_the_groundwork_defaults_are_the_values_that_env_example_shows(monkeypatch):
    for name in documented_variables():
        monkeypatch.delenv(name, raising=False)
    defaults = runpy.run_path(str(SETTINGS_FILE))
    shown = documented_values()
    compared = {
        name: shown[name] for name in defaults if name.startswith("GROUNDWORK_") and name in shown
    }
    assert "GROUNDWORK_REQUIRE_TWO_FACTOR" in compared and len(compared) >= 6
    as_written = {
        name: str(defaults[name]).lower()
        if isinstance(defaults[name], bool)
        else str(defaults[name])
        for name in compared
    }
    assert as_written == compared


# --- documentation --------------------------------------------------------------------------

DOCUMENTED = re.compile(r"^#? ?([A-Z][A-Z0-9_]*)=(.*)$", re.MULTILINE)
READERS = {"env", "env_bool", "env_int", "env_choice", "env_list", "getenv"}


def documented_values() -> dict[str, str]:
    return dict(DOCUMENTED.findall((ROOT / ".env.example").read_text()))


def documented_variables() -> set[str]:
    return set(documented_values())


def variables_read(source: str) -> set[str]:
    """Names read from the environment: env*("X"), os.getenv("X"), os.environ.get("X") and
    os.environ["X"] (assigning to os.environ is not reading)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        argument = None
        if isinstance(node, ast.Call) and node.args:
            function = node.func
            called = getattr(function, "id", getattr(function, "attr", ""))
            on_environ = getattr(getattr(function, "value", None), "attr", "") == "environ"
            if called in READERS or (called == "get" and on_environ):
                argument = node.args[0]
        elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
            if getattr(node.value, "attr", "") == "environ":
                argument = node.slice
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            names.add(argument.value)
    return names


def test_the_reader_finds_every_way_of_reading_a_variable():
    source = (
        'env("A"); env_bool("B", True); os.environ.get("C"); os.environ["D"]; os.getenv("E")\n'
        'os.environ["SET"] = "1"; os.environ.setdefault("DEFAULTED", "1"); env(f"{name}_FILE")'
    )
    assert variables_read(source) == {"A", "B", "C", "D", "E"}


def python_files_that_read_the_environment() -> list[Path]:
    """The settings, and the test code (test-only variables are documented too)."""
    test_code = [path for path in (ROOT / "groundwork").rglob("*.py") if "tests" in path.parts]
    return [*sorted((ROOT / "config").glob("*.py")), ROOT / "conftest.py"] + sorted(
        [*(ROOT / "tests").rglob("*.py"), *test_code]
    )


def test_every_variable_groundwork_reads_is_documented_in_env_example_and_no_other():
    read = set().union(
        *(variables_read(p.read_text()) for p in python_files_that_read_the_environment())
    )
    assert {"DEBUG", "SECRET_KEY", "GROUNDWORK_TESTDATA", "CHROMIUM"} <= read
    read -= {"GROUNDWORK_EXAMPLE"}  # this file's own examples
    assert read - documented_variables() == set(), "document these in .env.example"
    assert documented_variables() - read == set(), ".env.example documents what nothing reads"


# --- one place --------------------------------------------------------------------------------


def groundwork_code() -> list[Path]:
    return [
        path for path in sorted((ROOT / "groundwork").rglob("*.py")) if "tests" not in path.parts
    ]


def test_groundwork_settings_are_read_from_the_environment_in_config_settings_only():
    readers = []
    for path in groundwork_code():
        source = path.read_text()
        if variables_read(source) or re.search(r"getattr\(\s*settings,\s*\"GROUNDWORK_", source):
            readers.append(str(path.relative_to(ROOT)))
    assert readers == [], "read the setting in config/settings.py, then settings.NAME here"


def test_every_groundwork_setting_the_code_uses_is_defined():
    used = set()
    for path in groundwork_code():
        used |= set(re.findall(r"settings\.(GROUNDWORK_[A-Z0-9_]+)", path.read_text()))
    assert "GROUNDWORK_UPLOAD_MAX_BYTES" in used
    assert {name for name in used if not hasattr(settings, name)} == set()

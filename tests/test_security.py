"""Security headers on every response, and production settings that pass Django's deploy check."""

import base64
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/groups/", "/accounts/login/", "/no-such-page/"])
def test_every_response_carries_a_content_security_policy_and_security_headers(client, url):
    response = client.get(url)
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert "'unsafe-inline'" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_pages_load_no_inline_script_or_style_that_the_policy_would_block(client):
    page = client.get(reverse("groups:directory")).content.decode()
    assert "<script>" not in page and "style=" not in page


def production_environment(**overrides: str) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "GROUNDWORK_", "DEMO_"))
    }
    environment |= {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "groundwork.example.org",
        "DATABASE_URL": "sqlite:///:memory:",
        "REDIS_URL": "redis://127.0.0.1:6379/0",  # rate limits need a shared cache (core.W001)
        # Two-factor secrets are sealed with a key of the site's own (core.W002).
        "MFA_ENCRYPTION_KEYS": base64.urlsafe_b64encode(os.urandom(32)).decode(),
    }
    return environment | overrides


def manage(*args: str, environment: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check_with_no_warnings():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", environment=production_environment()
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_warns_when_two_factor_secrets_have_no_key_of_their_own():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING",
        environment=production_environment(MFA_ENCRYPTION_KEYS=""),
    )  # fmt: skip
    assert result.returncode != 0
    assert "core.W002" in result.stderr + result.stdout


def test_production_refuses_to_start_with_a_malformed_two_factor_key():
    result = manage("check", environment=production_environment(MFA_ENCRYPTION_KEYS="short"))
    assert result.returncode != 0
    assert "MFA_ENCRYPTION_KEYS must be 32 bytes" in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", environment=production_environment(SECRET_KEY=""))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_the_demo_two_factor_code_is_refused_outside_debug():
    environment = production_environment(DEMO_TOTP_BYPASS_CODE="000000")
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(hasattr(settings, 'MFA_TOTP_INSECURE_BYPASS_CODE'))",
        environment=environment,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"

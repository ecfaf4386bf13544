"""The demo's email goes to the file `make run` names (EMAIL_FILE), not into the terminal."""

import os
import subprocess
import sys
from pathlib import Path

from django.core.mail import EmailMessage

from groundwork.core.backends import OneFileEmailBackend

ROOT = Path(__file__).resolve().parents[3]


def test_every_message_is_appended_to_the_one_file(tmp_path):
    path = tmp_path / "var" / "demo-emails.log"
    backend = OneFileEmailBackend(path=str(path))
    first = EmailMessage("Confirm your address", "Open the link.", to=["dan@example.org"])
    second = EmailMessage("Welcome", "You joined Riverside.", to=["dan@example.org"])
    assert backend.send_messages([first]) == 1
    assert backend.send_messages([second]) == 1
    text = path.read_text()
    assert "Subject: Confirm your address" in text and "Subject: Welcome" in text
    assert text.index("Confirm your address") < text.index("Welcome")


def test_email_file_chooses_the_file_backend_and_make_run_sets_it(tmp_path):
    environment = {
        key: value for key, value in os.environ.items() if key not in {"EMAIL_BACKEND"}
    } | {"EMAIL_FILE": str(tmp_path / "mail.log"), "DJANGO_SETTINGS_MODULE": "config.settings"}
    shown = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.MAILERS['default'])",
        ],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "OneFileEmailBackend" in shown and str(tmp_path / "mail.log") in shown
    makefile = (ROOT / "Makefile").read_text()
    assert (
        "EMAIL_FILE=$(DEMO_EMAILS)" in makefile and "DEMO_EMAILS := var/demo-emails.log" in makefile
    )

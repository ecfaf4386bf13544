"""A request body larger than the site accepts is refused before anything reads or spools it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from django.test import Client, override_settings
from django.urls import reverse

from conftest import client_for

LIMIT = 64 * 1024


@pytest.fixture
def spooled(monkeypatch):
    """Counts the files Django's upload handlers began to keep (in memory or on disk)."""
    files = []
    for handler in (MemoryFileUploadHandler, TemporaryFileUploadHandler):
        original = handler.new_file

        def counted(self, *args, _original=original, **kwargs):
            files.append(args)
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(handler, "new_file", counted)
    return files


@pytest.mark.django_db
@override_settings(GROUNDWORK_MAX_REQUEST_BYTES=LIMIT)
def test_an_anonymous_upload_over_the_limit_is_refused_with_413_before_it_is_spooled(spooled):
    # As from outside: the CSRF check reads the form, which is what spooled the files to disk.
    anon = Client(enforce_csrf_checks=True)
    response = anon.post(
        reverse("resources:create"),
        {"file": SimpleUploadedFile("big.pdf", b"x" * (LIMIT * 4))},
    )
    assert response.status_code == 413
    assert b"nothing was saved" in response.content
    assert spooled == []


@pytest.mark.django_db
@override_settings(GROUNDWORK_MAX_REQUEST_BYTES=LIMIT)
def test_a_body_within_the_limit_is_read_as_usual(bob, spooled):
    response = client_for(bob).post(
        reverse("resources:create"),
        {"file": SimpleUploadedFile("small.pdf", b"x" * (LIMIT // 4))},
    )
    assert response.status_code != 413
    assert len(spooled) == 1

"""Two-factor secrets are sealed at rest: someone who reads the database cannot compute an
organiser's codes, while the organiser still signs in with their authenticator app."""

import base64
import importlib
import os

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.apps import apps as installed_apps
from django.db import connection
from django.test import override_settings

from groundwork.groups.tests.factories import PASSWORD, TOTP_SECRET, current_totp_code
from groundwork.members import adapters as mfa

seal_migration = importlib.import_module(
    "groundwork.members.migrations.0002_seal_two_factor_secrets"
)


def raw_data_of(authenticator: Authenticator) -> str:
    """The row as a database reader sees it, bypassing the ORM and allauth."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM mfa_authenticator WHERE id = %s", [authenticator.pk])
        (data,) = cursor.fetchone()
    return str(data)


def new_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


@pytest.mark.django_db
def test_a_database_reader_finds_no_totp_secret_or_recovery_seed(alice):
    totp = Authenticator.objects.get(user=alice, type=Authenticator.Type.TOTP)
    assert TOTP_SECRET not in raw_data_of(totp)
    assert mfa.SEALED_PREFIX in raw_data_of(totp)
    codes = RecoveryCodes.activate(alice)
    seed = mfa.unseal(codes.instance.data["seed"])
    assert seed not in raw_data_of(codes.instance)


@pytest.mark.django_db
def test_the_organiser_still_signs_in_with_the_code_their_app_shows(alice, client):
    client.post("/accounts/login/", {"login": alice.email, "password": PASSWORD})
    response = client.post("/accounts/2fa/authenticate/", {"code": current_totp_code()})
    assert response.status_code == 302
    assert client.get("/home/").status_code == 200


@pytest.mark.django_db
def test_an_old_key_still_opens_secrets_after_the_keys_are_rotated(alice):
    old, new = new_key(), new_key()
    with override_settings(GROUNDWORK_MFA_KEYS=[old]):
        sealed = mfa.seal("JBSWY3DPEHPK3PXP")
    with override_settings(GROUNDWORK_MFA_KEYS=[new, old]):
        assert mfa.unseal(sealed) == "JBSWY3DPEHPK3PXP"
        assert mfa.unseal(mfa.seal("again")) == "again"
    with override_settings(GROUNDWORK_MFA_KEYS=[new]), pytest.raises(ValueError):
        mfa.unseal(sealed)  # a database copied without its key opens nothing


@pytest.mark.django_db
def test_the_migration_seals_secrets_stored_in_plain_before_it(alice):
    totp = Authenticator.objects.get(user=alice, type=Authenticator.Type.TOTP)
    Authenticator.objects.filter(pk=totp.pk).update(data={"secret": TOTP_SECRET})
    assert TOTP_SECRET in raw_data_of(totp)
    seal_migration.seal_all(installed_apps, None)
    assert TOTP_SECRET not in raw_data_of(totp)
    totp.refresh_from_db()
    assert mfa.unseal(totp.data["secret"]) == TOTP_SECRET

"""Two-factor secrets encrypted at rest, with keys kept outside the database.

allauth stores each TOTP secret and recovery-code seed in `Authenticator.data` and passes them
through its MFA adapter's `encrypt` and `decrypt` hooks, which do nothing by default: anyone who
could read the database could compute an organiser's codes. Here they are sealed with libsodium's
secret box (XSalsa20-Poly1305, through PyNaCl, which the ballot box already uses) under the first
key of `GROUNDWORK_MFA_KEYS`; the other keys still open older values, so keys can be rotated.
"""

import base64
import hashlib

from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from nacl.exceptions import CryptoError
from nacl.secret import SecretBox

# Marks a sealed value; a value without it was stored before encryption (see the migration).
PREFIX = "sealed:"


def _boxes() -> list[SecretBox]:
    keys = settings.GROUNDWORK_MFA_KEYS or [derived_key(settings.SECRET_KEY)]
    return [SecretBox(base64.urlsafe_b64decode(key)) for key in keys]


def derived_key(secret_key: str) -> str:
    """A key derived from SECRET_KEY, for sites that have not set their own (check --deploy
    warns): still outside the database, but rotating SECRET_KEY would then lock people out."""
    digest = hashlib.sha256(b"groundwork.members.mfa:" + secret_key.encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


def seal(text: str) -> str:
    """The text encrypted under the current key, marked as sealed."""
    sealed = _boxes()[0].encrypt(text.encode())
    return PREFIX + base64.urlsafe_b64encode(bytes(sealed)).decode()


def unseal(stored: str) -> str:
    """The text of a sealed value (any configured key), or a value stored before sealing."""
    if not stored.startswith(PREFIX):
        return stored
    sealed = base64.urlsafe_b64decode(stored.removeprefix(PREFIX))
    for box in _boxes():
        try:
            return box.decrypt(sealed).decode()
        except CryptoError:
            continue
    raise ValueError("No configured MFA key opens this two-factor secret (GROUNDWORK_MFA_KEYS).")


class MFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return seal(text)

    def decrypt(self, encrypted_text: str) -> str:
        return unseal(encrypted_text)

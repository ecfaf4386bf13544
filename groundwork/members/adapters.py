"""allauth's adapters and sign-up form, made Groundwork's.

- Account emails go through the job queue, never out of the request (AccountAdapter).
- Two-factor secrets are sealed at rest, with keys kept outside the database (MFAAdapter).
- Sign-up takes the same time whether or not the email has an account (SignupForm).
"""

import base64
import hashlib
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from nacl.exceptions import CryptoError
from nacl.secret import SecretBox

from groundwork.core.email import enqueue_email

# Account-security email has no unsubscribe link (RFC 8058 exempts it); the email says why.
SECURITY_NOTE = gettext_noop(
    "This email is about your account's security, so it has no unsubscribe link: it is sent only "
    "when you, or someone using your address, asks for it."
)


@dataclass(frozen=True)
class SiteForEmails:
    """What allauth's email templates read as `current_site`: the configured name and domain."""

    name: str
    domain: str


def site_for_emails() -> SiteForEmails:
    """The site as account emails name it: SITE_NAME, and the host of SITE_URL."""
    return SiteForEmails(name=settings.SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)


def site_link(path: str) -> str:
    """An absolute link to `path` on SITE_URL, the address people use, whatever host asked."""
    return f"{settings.SITE_URL}{path}"


class AccountAdapter(DefaultAccountAdapter):
    def format_email_subject(self, subject: str) -> str:
        """Prefix the subject with SITE_NAME as it is when the email is sent, not at start-up."""
        return f"[{settings.SITE_NAME}] {subject}"

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        """The verification link, on SITE_URL (allauth would use the request's host and force
        https when DEBUG is off, which breaks the link on a plain-http demo)."""
        return site_link(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def get_reset_password_from_key_url(self, key: str) -> str:
        """The password reset link, on SITE_URL like every other link the platform emails."""
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return site_link(path.replace("UID-KEY", quote(key)))

    def send_mail(self, template_prefix, email, context):
        """Render the email now (the request has the context) and send it on commit."""
        # allauth's own send_mail adds `current_site` from the request (its host, not the site's
        # name); ours comes last so that no caller's context can blank it again ("Hello from !").
        message = self.render_mail(
            template_prefix, email, {"email": email, **context, "current_site": site_for_emails()}
        )
        html_body = ""
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html_body = content
        enqueue_email(
            to=list(message.to),
            subject=message.subject,
            body=f"{message.body.rstrip()}\n\n-- \n{_(SECURITY_NOTE)}\n",
            html_body=html_body,
            account_security=True,
        )


# --- Two-factor secrets sealed at rest ------------------------------------------------------
# allauth stores each TOTP secret and recovery-code seed in `Authenticator.data` and passes them
# through its MFA adapter's `encrypt` and `decrypt` hooks, which do nothing by default: anyone who
# could read the database could compute an organiser's codes. Here they are sealed with
# libsodium's secret box (XSalsa20-Poly1305, through PyNaCl, which the ballot box already uses)
# under the first key of GROUNDWORK_MFA_KEYS; the other keys still open older values, so keys can
# be rotated.

# Marks a sealed value; a value without it was stored before sealing (see members/0002).
SEALED_PREFIX = "sealed:"


def _boxes() -> list[SecretBox]:
    keys = settings.GROUNDWORK_MFA_KEYS or [derived_mfa_key(settings.SECRET_KEY)]
    return [SecretBox(base64.urlsafe_b64decode(key)) for key in keys]


def derived_mfa_key(secret_key: str) -> str:
    """A key derived from SECRET_KEY, for sites that have not set their own (check --deploy
    warns): still outside the database, but rotating SECRET_KEY would then lock people out."""
    digest = hashlib.sha256(b"groundwork.members.mfa:" + secret_key.encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


def seal(text: str) -> str:
    """The text encrypted under the current key, marked as sealed."""
    sealed = _boxes()[0].encrypt(text.encode())
    return SEALED_PREFIX + base64.urlsafe_b64encode(bytes(sealed)).decode()


def unseal(stored: str) -> str:
    """The text of a sealed value (any configured key), or a value stored before sealing."""
    if not stored.startswith(SEALED_PREFIX):
        return stored
    sealed = base64.urlsafe_b64decode(stored.removeprefix(SEALED_PREFIX))
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


# --- Sign-up that does not tell who has an account -----------------------------------------
# allauth already gives the same page and an email either way (ACCOUNT_PREVENT_ENUMERATION), but
# the time told: a new account hashes the password (most of a second with PBKDF2) and an address
# that has one skipped it, so anyone could learn who is a member of a political movement from how
# long sign-up took (37 ms against 957 ms, measured in #16). The existing-account path now hashes
# the password too; bench/account_timing.py measures what remains. (Not in forms.py: allauth's
# form module imports members.forms.SignupForm, our ACCOUNT_SIGNUP_FORM_CLASS.)


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        if self.account_already_exists:
            # The same work as creating the account: hash the password, then throw it away.
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)

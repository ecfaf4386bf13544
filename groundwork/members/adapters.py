"""allauth adapter: account emails go through the job queue, never out of the request."""

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

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

"""allauth adapter: account emails go through the job queue, never out of the request."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
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


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Render the email now (the request has the context) and send it on commit."""
        # allauth's own send_mail adds `current_site`; without it the email says "Hello from !".
        message = self.render_mail(
            template_prefix, email, {"email": email, "current_site": site_for_emails(), **context}
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

"""allauth adapter: account emails go through the job queue, never out of the request."""

from allauth.account.adapter import DefaultAccountAdapter

from groundwork.core.email import enqueue_email


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Render the email now (the request has the context) and send it on commit."""
        message = self.render_mail(template_prefix, email, context)
        html_body = ""
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html_body = content
        enqueue_email(
            to=list(message.to), subject=message.subject, body=message.body, html_body=html_body
        )

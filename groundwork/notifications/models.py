"""In-app notifications: what a member is told, shown on their notifications page."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Makes a notification idempotent: a retried job does not tell a member the same thing twice.
    key = models.CharField(max_length=120)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_key")
        ]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_unread")]

    def __str__(self) -> str:
        return self.text


class EmailKind(models.TextChoices):
    """The kinds of email a person can stop one at a time (account-security email is not one)."""

    NOTIFICATION = "notification", _("Notifications by email")
    INVITATION = "invitation", _("Invitations to join a group")
    GROUP = "group", _("Join requests and decisions in your groups")
    GROUP_MAIL = "group_mail", _("Emails from your groups' organisers")


class EmailOptOut(models.Model):
    """An address that asked for no more email of one kind (by the unsubscribe link)."""

    # The address, not a member: invitations go to people who have no account yet.
    address = models.EmailField()
    kind = models.CharField(max_length=20, choices=EmailKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["address", "kind"], name="email_opt_out_once_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.address}: {self.kind}"


class EmailSuppression(models.Model):
    """An address that bounced for good or complained of spam: it gets no more email of any kind
    but account security (a password reset must still reach a person who asks for it)."""

    class Reason(models.TextChoices):
        BOUNCE = "bounce", _("The address does not exist or refuses mail")
        COMPLAINT = "complaint", _("The recipient reported an email as spam")

    address = models.EmailField(unique=True)
    reason = models.CharField(max_length=10, choices=Reason.choices)
    # The mail server's status code and a line of its diagnostic, for a coordinator to judge.
    detail = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        # No address: the audit log names suppressions by this, and keeps no one's address.
        return f"Suppressed address #{self.pk} ({self.reason})"

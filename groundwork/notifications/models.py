"""In-app notifications: what a member is told, shown on their notifications page."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    """What a notification is about: a member chooses how they hear of each kind."""

    GROUPS = "groups", _("Requests to join and decisions in your groups")
    EVENTS = "events", _("Events you are going to: reminders, changes and places coming free")
    DEMOCRACY = "democracy", _("Ballots, proposals, positions and recalls")
    CAMPAIGNS = "campaigns", _("Campaigns and petitions")
    HELP = "help", _("Help requests between groups, and their answers")
    PROJECTS = "projects", _("Projects: rota shifts and requests for help")
    ALLIANCE = "alliance", _("The alliance's platform")
    OTHER = "other", _("Everything else, such as imports you started")


class Delivery(models.TextChoices):
    """How a member hears of one kind of notification (it is always shown in the app)."""

    APP = "app", _("In the app only")
    IMMEDIATE = "immediate", _("By email at once")
    DAILY = "daily", _("In a daily email digest")
    WEEKLY = "weekly", _("In a weekly email digest")


# Email at once what asks the member to act, or will not wait for tomorrow (a join request to
# approve, a ballot open to vote in, an event cancelled, a shift moved); the rest in a daily digest.
DEFAULT_DELIVERY: dict[str, str] = {
    NotificationKind.GROUPS: Delivery.IMMEDIATE,
    NotificationKind.EVENTS: Delivery.IMMEDIATE,
    NotificationKind.DEMOCRACY: Delivery.IMMEDIATE,
    NotificationKind.CAMPAIGNS: Delivery.DAILY,
    NotificationKind.HELP: Delivery.DAILY,
    NotificationKind.PROJECTS: Delivery.IMMEDIATE,
    NotificationKind.ALLIANCE: Delivery.DAILY,
    NotificationKind.OTHER: Delivery.DAILY,
}


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
    # What it is about, so the member's preference for that kind decides whether it is emailed.
    kind = models.CharField(
        max_length=20, choices=NotificationKind.choices, default=NotificationKind.OTHER
    )
    # "daily" or "weekly" while it waits for the member's digest (from their preference when it
    # was made); emptied when a digest takes it, which DigestEntry records.
    digest_due = models.CharField(max_length=10, blank=True, default="")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_key")
        ]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_user_unread"),
            # Small: only the notifications still waiting for a digest.
            models.Index(
                fields=["digest_due", "created_at"],
                name="notification_digest_due",
                condition=~models.Q(digest_due=""),
            ),
        ]

    def __str__(self) -> str:
        return self.text


class NotificationPreference(models.Model):
    """How a member chose to hear of one kind of notification (no row: DEFAULT_DELIVERY)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    delivery = models.CharField(max_length=10, choices=Delivery.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="notification_preference_once_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.delivery}"


class Digest(models.Model):
    """One digest email to a member: at most one per member, period and day (or week) covered,
    which is what keeps a repeated or retried digest job from sending twice."""

    class Period(models.TextChoices):
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=10, choices=Period.choices)
    # The day of a daily digest; the Monday of a weekly one.
    covers = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    # How many notifications the email listed (0: nothing unread, or the address unsubscribed).
    sent_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "period", "covers"], name="digest_once_per_member_and_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.period} digest of {self.covers}"


class DigestEntry(models.Model):
    """A notification that a digest took: listed in its email, or passed over as already read."""

    digest = models.ForeignKey(Digest, on_delete=models.CASCADE, related_name="entries")
    notification = models.OneToOneField(
        Notification, on_delete=models.CASCADE, related_name="digest_entry"
    )
    listed = models.BooleanField()

    def __str__(self) -> str:
        return f"{self.digest}: {self.notification_id}"


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

"""Emails from a group's organisers to its members, and whom each reached (see
groups.actions.mailings)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from groundwork.core.models import TimeStampedModel


class Mailing(TimeStampedModel):
    """An email from a group's organisers to its members, or to a segment of them.

    A draft is written and previewed; sending queues it, and the job worker sends it in batches,
    one `MailingRecipient` per person, so a retried send never mails anyone twice, and one cut short
    by a killed worker mails again only the few whose email had not yet been marked sent.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    group = models.ForeignKey("groups.Group", on_delete=models.CASCADE, related_name="mailings")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.CharField(max_length=150)
    body = models.TextField(
        max_length=20000, help_text=_("Plain text; Markdown links and lists read well as they are.")
    )
    # Who it goes to: a key of a segment registered with groups.hooks.add_mailing_segment and the
    # segment's parameter (an event's, a project's or a ballot's id; empty for the whole group).
    segment = models.CharField(max_length=40)
    segment_parameter = models.CharField(max_length=40, blank=True)
    # The segment as the organiser chose it ("Going to: Picnic"), kept when the event is gone.
    segment_label = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # The form's one-time token: a second submission of the same form finds the first draft.
    token = models.UUIDField(unique=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Kept by the sending job, so the list and the progress page never count rows.
    recipient_count = models.PositiveIntegerField(default=0)
    sent_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["group", "-created_at"], name="mailing_group_recent")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sent_count__lte=models.F("recipient_count")),
                name="mailing_sent_within_recipients",
            )
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("groups:mailing", kwargs={"slug": self.group.slug, "pk": self.pk})

    @property
    def done_count(self) -> int:
        return self.sent_count + self.skipped_count

    @property
    def percent_done(self) -> int:
        if not self.recipient_count:
            return 100 if self.status == self.Status.SENT else 0
        return 100 * self.done_count // self.recipient_count


class MailingRecipient(models.Model):
    """One person a mailing goes to, and whether it reached them: once per person per mailing."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("Not sent")

    class Reason(models.TextChoices):
        NONE = "", _("—")
        NO_CONSENT = "no_consent", _("Has not agreed to be emailed by organisers")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed from organisers' emails")
        SUPPRESSED = "suppressed", _("Their address bounced or complained")
        LEFT = "left", _("No longer a member")
        REFUSED = "refused", _("The mail server refused the address")

    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="recipients")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    reason = models.CharField(max_length=12, choices=Reason.choices, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["mailing", "user"], name="one_mailing_per_recipient")
        ]
        indexes = [models.Index(fields=["mailing", "status"], name="mailing_recipient_status")]

    def __str__(self) -> str:
        return f"{self.mailing} to {self.user_id}: {self.status}"

"""Webhooks: a group's endpoints, each event's delivery to one of them, and every attempt at it.

One delivery row per (endpoint, event): the unique key is what makes a retried hook, a re-run job
or two workers at once send an event to an endpoint at most once.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from groundwork.core.models import TimeStampedModel
from groundwork.groups.models import Group


class WebhookEvent(models.TextChoices):
    """What an organiser can subscribe an endpoint to (the `type` of each delivery)."""

    MEMBER_JOINED = "member.joined", _("A member joined the group")
    MEMBER_LEFT = "member.left", _("A member left the group")
    RSVP_MADE = "rsvp.made", _("Someone said they are going to one of the group's events")
    RSVP_CANCELLED = "rsvp.cancelled", _("Someone said they are no longer going")
    PETITION_SIGNED = "petition.signed", _("A signature on one of the group's petitions counted")
    BALLOT_CLOSED = "ballot.closed", _("One of the group's ballots closed with its result")


# Sent only by the "send a test event" button, to whatever the endpoint subscribes to.
TEST_EVENT = "webhook.test"


class WebhookEndpoint(TimeStampedModel):
    """An address of the group's own tools that the events it chose are posted to, signed."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="webhook_endpoints")
    url = models.URLField(_("address"), max_length=500)
    description = models.CharField(_("description"), max_length=100, blank=True)
    events = models.JSONField(default=list)  # WebhookEvent values
    # The HMAC key: kept as given (a hash could not sign), shown to the organiser once.
    secret = models.CharField(max_length=80, editable=False)
    is_active = models.BooleanField(default=True)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_after_failures = models.BooleanField(default=False)
    # Deliveries given up in a row (every attempt failed); any delivered one sets it back to 0.
    failures_in_a_row = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.url

    def get_absolute_url(self) -> str:
        return reverse("api:webhook", kwargs={"slug": self.group.slug, "pk": self.pk})

    def event_labels(self) -> list[str]:
        labels = dict(WebhookEvent.choices)
        return [str(labels[event]) for event in self.events if event in labels]


class WebhookDelivery(models.Model):
    """One event for one endpoint: its frozen payload, and how its sending went."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being sent")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event_type = models.CharField(max_length=40)
    # What happened, named so that the same happening gives the same key ("membership:12").
    event_key = models.CharField(max_length=120)
    message_id = models.CharField(max_length=40, unique=True)  # the webhook-id header
    payload = models.JSONField()
    # Whom the event is about, so that their erasure can take their name out of the payload.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "event_key"], name="one_delivery_per_endpoint_and_event"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_type} {self.message_id}"


class WebhookAttempt(models.Model):
    """One try at a delivery: what the receiver answered, or why it could not be reached."""

    delivery = models.ForeignKey(
        WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log"
    )
    number = models.PositiveSmallIntegerField()
    started_at = models.DateTimeField()
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField()
    response_excerpt = models.CharField(max_length=500, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["delivery", "number"], name="one_attempt_per_number")
        ]

    def __str__(self) -> str:
        return f"attempt {self.number} of {self.delivery_id}"

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300

"""Base models and the audit log."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class AuditEntry(models.Model):
    """One action taken on the platform: who did what to which object, and what changed.

    `group_id` names the group whose log the entry belongs to (null for alliance-level actions).
    It is a plain integer rather than a foreign key because core sits left of groups in the import
    order; the groups app reads it through its own queries.
    """

    acted_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verb = models.CharField(max_length=80)
    target_type = models.CharField(max_length=80)
    target_id = models.CharField(max_length=64, blank=True)
    target_label = models.CharField(max_length=200, blank=True)
    group_id = models.BigIntegerField(null=True, blank=True)
    old = models.JSONField(default=dict, blank=True)
    new = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-acted_at", "-id"]
        indexes = [models.Index(fields=["group_id", "-acted_at"], name="audit_group_time")]
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.acted_at:%Y-%m-%d %H:%M} {self.verb} {self.target_label}"


def latitude_field(**options) -> models.DecimalField:
    """A latitude in degrees to five places (about a metre), empty when the place has no point."""
    return models.DecimalField(
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        **options,
    )


def longitude_field(**options) -> models.DecimalField:
    """A longitude in degrees to five places, empty when the place has no point."""
    return models.DecimalField(
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        **options,
    )


class SubmissionToken(models.Model):
    """A create form's one-time token, claimed by the submission that saved something.

    Written only by `core.idempotency`: the first submission of a form claims its token, in the
    same transaction as what it creates, and records where it led; a second submission of the same
    form (a double click, a form sent again after a reload, a concurrent request) finds the token
    claimed and is sent there instead of creating again. The unique constraint makes the claim
    atomic, on PostgreSQL across concurrent requests too. Rows older than the retention period are
    deleted (see `core.idempotency.RETENTION`).
    """

    token = models.CharField(max_length=64)
    # Empty for a form sent by someone signed out; the token alone then identifies the form.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    path = models.CharField(max_length=500)
    result_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["token"], name="submission_token_once")]

    def __str__(self) -> str:
        return f"{self.path} → {self.result_url}"


class WorkerHeartbeat(models.Model):
    """A job worker's sign of life, written every few seconds by `manage.py run_worker`.

    `job_id` names the job the worker is running now (empty between jobs). A job left RUNNING
    that no fresh heartbeat names lost its worker: `core.jobs.requeue_abandoned_jobs` puts it back
    in the queue once the lease (GROUNDWORK_JOB_LEASE_SECONDS) has passed.
    """

    worker_id = models.CharField(max_length=64, unique=True)
    job_id = models.UUIDField(null=True, blank=True)
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.worker_id} at {self.beat_at:%Y-%m-%d %H:%M:%S}"


class EmailDelivery(models.Model):
    """One email's claim to be sent once, by the key `core.email.enqueue_email` gives its job.

    A job run again (its worker died, or the queue delivered it twice) finds the claim: SENT means
    done, so nothing is sent twice; SENDING means an earlier run died while talking to the mail
    server, and the email goes again with the same Message-ID (which receiving mail systems use to
    drop a duplicate). No address or text is kept here, only the key and the times.
    """

    class Status(models.TextChoices):
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")

    key = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SENDING)
    attempts = models.PositiveIntegerField(default=1)
    claimed_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.key} ({self.status})"

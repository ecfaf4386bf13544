"""An import of a published file of representatives, started by a coordinator on a page and run
by the job worker: the file as uploaded, what it was asked to do, and what it did."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from groundwork.core.models import TimeStampedModel


class RegisterImport(TimeStampedModel):
    """One run of `do_import_representatives` on an uploaded file, or a dry run of it."""

    class Format(models.TextChoices):
        POPOLO = "popolo", _("Popolo JSON (EveryPolitician)")
        YNMP = "ynmp", _("YourNextMP winners CSV")
        COUNCIL_CSV = "council-csv", _("A council's councillors CSV")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for the job worker")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Done")
        FAILED = "failed", _("Could not be read")

    format = models.CharField(_("format"), max_length=12, choices=Format.choices)
    file_name = models.CharField(max_length=200)
    # The files are published, public data: kept so a dry run can be applied as it was previewed.
    text = models.TextField()
    council = models.CharField(_("council's GSS code"), max_length=9, blank=True)
    lookup_name = models.CharField(max_length=200, blank=True)
    lookup_text = models.TextField(blank=True)
    as_of = models.DateField(_("the date the file describes"))
    dry_run = models.BooleanField(_("dry run"), default=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    rows = models.PositiveIntegerField(default=0)
    summary = models.CharField(max_length=200, blank=True)
    skipped = models.JSONField(default=list, blank=True)  # [{"line": n, "reason": "..."}]
    error = models.CharField(max_length=500, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.file_name

    def get_absolute_url(self) -> str:
        return reverse("accountability:register_import", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}

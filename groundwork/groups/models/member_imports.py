"""Members' lists brought from other tools, what their runs set aside, and the people they
brought to a group (see groups.actions.member_imports)."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from groundwork.core.models import TimeStampedModel


def member_import_path(member_import: "MemberImport", filename: str) -> str:
    """Where an uploaded list is kept under MEDIA_ROOT until it is imported: a random name."""
    return f"imports/{secrets.token_urlsafe(16)}.csv"


class MemberImport(TimeStampedModel):
    """A members' list an organiser brought from another tool, its column mapping, and how far
    its last run (a dry run or the import) got. Who imported it, when and on what lawful basis
    are kept for as long as the people it invited are in the group's records."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Waiting for you to check it")
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        CHECKED = "checked", _("Checked (dry run)")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Could not be read")

    class LawfulBasis(models.TextChoices):
        CONSENT = "consent", _("Consent: they agreed to be contacted by the group about joining")
        LEGITIMATE_INTEREST = (
            "legitimate_interest",
            _("Legitimate interest: they are members or supporters of the group in the tool"),
        )

    group = models.ForeignKey(
        "groups.Group", on_delete=models.CASCADE, related_name="member_imports"
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(upload_to=member_import_path)
    file_name = models.CharField(max_length=200)
    source = models.CharField(max_length=20)
    # {field: column index or None} (see groups.member_import.sources.FIELDS), and the header.
    mapping = models.JSONField(default=dict)
    header = models.JSONField(default=list)
    lawful_basis = models.CharField(max_length=24, choices=LawfulBasis.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.UPLOADED)
    dry_run = models.BooleanField(default=False)
    # Kept by the run, batch by batch, so the progress page never counts rows.
    file_bytes = models.PositiveBigIntegerField(default=0)
    read_bytes = models.PositiveBigIntegerField(default=0)
    row_count = models.PositiveIntegerField(default=0)
    added_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def percent_done(self) -> int:
        if self.status in (self.Status.DONE, self.Status.CHECKED):
            return 100
        if not self.file_bytes:
            return 0
        return min(100, 100 * self.read_bytes // self.file_bytes)

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class MemberImportProblem(models.Model):
    """A row of the last run that was set aside, and why: the report the organiser reads."""

    class Problem(models.TextChoices):
        NO_EMAIL = "no_email", _("No email address")
        INVALID_EMAIL = "invalid_email", _("Not a valid email address")
        DUPLICATE_IN_FILE = "duplicate_in_file", _("The same email as an earlier row")
        ALREADY_MEMBER = "already_member", _("Already a member of the group")

    member_import = models.ForeignKey(
        MemberImport, on_delete=models.CASCADE, related_name="problems"
    )
    row_number = models.PositiveIntegerField()
    written_email = models.CharField(max_length=254, blank=True)
    problem = models.CharField(max_length=20, choices=Problem.choices)

    class Meta:
        ordering = ["member_import", "row_number"]
        indexes = [models.Index(fields=["member_import", "row_number"], name="import_problem_row")]

    def __str__(self) -> str:
        return f"Row {self.row_number}: {self.problem}"


class MemberImportEmail(models.Model):
    """An email seen by the running import, so a later row with it is a duplicate: kept in the
    database rather than in memory, which does not grow with the file. Emptied when a run ends."""

    # The unique constraint's index (member_import, email) serves lookups by import too.
    member_import = models.ForeignKey(
        MemberImport, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    email = models.CharField(max_length=254)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member_import", "email"], name="one_seen_email_per_import"
            )
        ]

    def __str__(self) -> str:
        return self.email


class ImportedContact(TimeStampedModel):
    """Someone a members' list brought to the group and who was invited to join it: once per
    group and email (the database holds to it, so two imports at once invite nobody twice).
    `first_import` tells who imported them, when and on what lawful basis."""

    # The unique constraint's index (group, email) serves lookups by group too: one index fewer
    # to write per person imported.
    group = models.ForeignKey(
        "groups.Group", on_delete=models.CASCADE, related_name="imported_contacts", db_index=False
    )
    email = models.EmailField()
    name = models.CharField(max_length=80, blank=True)
    first_import = models.ForeignKey(
        MemberImport, on_delete=models.RESTRICT, related_name="contacts_added"
    )
    # Not indexed: only deleting an import (rare) looks rows up by it.
    last_import = models.ForeignKey(
        MemberImport, on_delete=models.RESTRICT, related_name="+", db_index=False
    )

    class Meta:
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "email"], name="one_imported_contact_per_email"
            )
        ]

    def __str__(self) -> str:
        return self.email

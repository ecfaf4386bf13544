"""The shared library (resources with files, tags, forks), help between groups, and their answers."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.text import get_valid_filename
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from groundwork.core.models import TimeStampedModel


def attachment_path(resource: "Resource", filename: str) -> str:
    """A path nobody can guess: files are served only through the permission-checking view."""
    name = get_valid_filename(PurePath(filename).name)[-100:] or "file"
    return f"resources/{uuid.uuid4().hex}/{name}"


class Tag(models.Model):
    """A word that files resources together ("housing", "council budget")."""

    name = models.CharField(max_length=40, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Resource(TimeStampedModel):
    """A guide, template, leaflet, training material, case study or recording in the library."""

    class Kind(models.TextChoices):
        GUIDE = "guide", _("Guide")
        TEMPLATE = "template", _("Template")
        LEAFLET = "leaflet", _("Leaflet")
        TRAINING = "training", _("Training material")
        CASE_STUDY = "case_study", _("Case study")
        RECORDING = "recording", _("Recording")

    class Scope(models.TextChoices):
        GROUP = "group", _("Our group: its members only")
        ALLIANCE = "alliance", _("The alliance: members of every group")
        PUBLIC = "public", _("Public: anyone, no account needed")

    # No group: the alliance's own library, kept by its coordinators.
    group = models.ForeignKey(
        "groups.Group", null=True, blank=True, on_delete=models.CASCADE, related_name="resources"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.GUIDE)
    scope = models.CharField(max_length=10, choices=Scope.choices, default=Scope.ALLIANCE)
    title = models.CharField(max_length=160)
    summary = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True, help_text=_("Markdown: **bold**, lists, tables and links."))
    link = models.URLField(
        _("Link"), blank=True, help_text=_("A recording, video or document kept elsewhere.")
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="resources")
    # Denormalised from `tags` so lists and search need no join; kept by the actions.
    tag_names = models.CharField(max_length=400, blank=True, editable=False)
    attachment = models.FileField(upload_to=attachment_path, blank=True, max_length=200)
    attachment_name = models.CharField(max_length=120, blank=True, editable=False)
    attachment_type = models.CharField(max_length=100, blank=True, editable=False)
    attachment_size = models.PositiveIntegerField(default=0, editable=False)
    # Provenance: the original is linked while it exists, and its name stays when it is gone.
    forked_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="forks"
    )
    forked_from_title = models.CharField(max_length=160, blank=True, editable=False)
    forked_from_group_name = models.CharField(max_length=120, blank=True, editable=False)
    source_answer = models.OneToOneField(
        "HelpAnswer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="saved_as",
    )
    # How many groups keep a fork of this resource; changed only by the fork and unfork actions.
    used_by_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # PostgreSQL's full-text vector, written by the actions (null on SQLite, which uses LIKE).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["-updated_at", "-id"], name="resource_newest"),
            models.Index(fields=["scope", "-updated_at"], name="resource_scope_updated"),
            models.Index(fields=["group", "-updated_at"], name="resource_group_updated"),
            # The GIN index on `search_vector` is made by migration 0002 on PostgreSQL only.
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(scope="group") | models.Q(group__isnull=False),
                name="resource_group_scope_needs_a_group",
            ),
            models.UniqueConstraint(fields=["forked_from", "group"], name="one_fork_per_group"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("resources:detail", kwargs={"pk": self.pk})

    @property
    def tag_list(self) -> list[str]:
        return self.tag_names.split(", ") if self.tag_names else []

    @property
    def owner_name(self) -> str:
        return self.group.name if self.group else gettext("the alliance")


class HelpRequest(TimeStampedModel):
    """A group asks the others: "has anyone run a council housing campaign?"."""

    group = models.ForeignKey(
        "groups.Group", on_delete=models.CASCADE, related_name="help_requests"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("Your question"), max_length=200)
    body = models.TextField(
        _("More detail"), blank=True, help_text=_("Markdown. What you have tried, what you need.")
    )
    # Denormalised so the list never counts rows; kept by the answer action.
    answer_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("resources:help_detail", kwargs={"pk": self.pk})


class HelpAnswer(TimeStampedModel):
    """A member's answer to a help request, which the asking group may mark as a good one."""

    help_request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The group the author answered from, shown beside their name.
    author_group = models.ForeignKey(
        "groups.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("Your answer"), help_text=_("Markdown: **bold**, lists and links."))
    is_good = models.BooleanField(default=False)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Answer to {self.help_request}"

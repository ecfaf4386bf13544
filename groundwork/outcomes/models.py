"""Outcomes for people, from official statistics as published: areas, indicators, observations
(with the history of every revised figure), the imports that brought them, and groups' targets."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from groundwork.aims.models import Objective
from groundwork.core.models import TimeStampedModel
from groundwork.groups.models import Group


class Area(models.Model):
    """A UK geography that statistics are published for, keyed by its ONS GSS code: a country, a
    region, a local authority (by tier) or a ward. A code is never reused for other boundaries, so
    a changed boundary is a new area, linked to the old by `Succession`."""

    class Level(models.TextChoices):
        COUNTRY = "country", _("Country")
        REGION = "region", _("Region")
        # A county council: the upper tier over several districts.
        UPPER_TIER = "upper_tier", _("County (upper tier)")
        # A district under a county: the lower tier.
        DISTRICT = "district", _("District (lower tier)")
        # Unitary authorities, metropolitan districts, London boroughs, Welsh, Scottish and
        # Northern Irish councils: both tiers at once.
        UNITARY = "unitary", _("Unitary authority")
        WARD = "ward", _("Ward")

    class Nation(models.TextChoices):
        ENGLAND = "england", _("England")
        WALES = "wales", _("Wales")
        SCOTLAND = "scotland", _("Scotland")
        NORTHERN_IRELAND = "northern_ireland", _("Northern Ireland")
        UK = "uk", _("United Kingdom")

    gss_code = models.CharField(_("GSS code"), max_length=9, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_cy = models.CharField(_("Welsh name"), max_length=200, blank=True)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    nation = models.CharField(_("nation"), max_length=20, choices=Nation.choices)
    # The English region's name ("South West"); the nation's name elsewhere.
    region = models.CharField(_("region"), max_length=60, blank=True)
    # A ward's local authority; a district's county.
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    # The three-letter code of the register of local authorities (mySociety), where it has one.
    registry_code = models.CharField(max_length=8, blank=True, db_index=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["name", "gss_code"]
        indexes = [models.Index(fields=["level", "nation"], name="area_level_nation")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("outcomes:area", kwargs={"gss_code": self.gss_code})

    @property
    def is_current(self) -> bool:
        return self.end_date is None


class AreaName(models.Model):
    """One way an area's name is written in published files ("Cardiff", "Caerdydd", "City of
    Cardiff Council"), folded to lower case: importers resolve names to codes through these and
    report every name that is not here, never guessing."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="names")
    folded = models.CharField(max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["area", "folded"], name="area_name_once"),
        ]
        indexes = [models.Index(fields=["folded"], name="area_name_folded")]

    def __str__(self) -> str:
        return self.folded


class Succession(models.Model):
    """A boundary change: `predecessor` was replaced (wholly or in part) by `successor`."""

    predecessor = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="successions")
    successor = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="predecessions")
    date = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_once"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor_id} → {self.successor_id}"


class GroupArea(models.Model):
    """That a group works in an area (one row per group and area)."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="outcome_areas")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="group_links")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "area"], name="group_area_once"),
        ]

    def __str__(self) -> str:
        return f"{self.group_id} in {self.area_id}"


class Indicator(TimeStampedModel):
    """Something measured about people's lives in an area, from one official source."""

    class Better(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")
        NEITHER = "neither", _("Neither is better")

    class Geography(models.TextChoices):
        DISTRICT = "district", _("Local authority district")
        UPPER_TIER = "upper_tier", _("Upper-tier local authority")
        WARD = "ward", _("Ward")

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    measures = models.TextField(_("what it measures"), blank=True)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    better = models.CharField(
        _("which direction is better"), max_length=8, choices=Better.choices, default="neither"
    )
    geography = models.CharField(
        _("geography level"), max_length=16, choices=Geography.choices, default="district"
    )
    source = models.CharField(_("source"), max_length=200)
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    licence = models.CharField(_("licence"), max_length=120, default="Open Government Licence v3.0")
    # Scores computed differently in each nation (the indices of deprivation) are ranked and
    # compared only within one nation.
    comparable_within_nation_only = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("outcomes:indicator", kwargs={"slug": self.slug})


class IndicatorImport(TimeStampedModel):
    """One file of official statistics, imported (or dry-run) from the command line or a page."""

    class Format(models.TextChoices):
        STATXPLORE = "statxplore", _("DWP Stat-Xplore export")
        ONS_SUBNATIONAL = "ons-subnational", _("ONS subnational indicators sheet")
        IMD = "imd", _("Indices of Deprivation by local authority")
        FINGERTIPS = "fingertips", _("OHID Fingertips tidy long file")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    file_name = models.CharField(max_length=255)
    # The SHA-256 of the file's bytes: the same file twice is recognised.
    sha256 = models.CharField(max_length=64, db_index=True)
    format = models.CharField(max_length=20, choices=Format.choices)
    dry_run = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default="queued")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Where an upload waits for the worker (deleted when the import is done).
    stored_file = models.CharField(max_length=500, blank=True)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    added = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    # Each skipped row: {"line": n, "reason": "..."}.
    report = models.JSONField(default=list, blank=True)
    summary = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # What the upload page showed before the dry run (importing): the indicators, the first
    # figures as parsed, and how many names matched no area.
    preview = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.file_name

    def get_absolute_url(self) -> str:
        return reverse("outcomes:import", kwargs={"pk": self.pk})

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class Observation(models.Model):
    """One published figure: an indicator's value for an area and period, as the latest release
    gives it. `published` keeps the text exactly as the file had it; a suppressed value has no
    value at all, never 0."""

    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        PROVISIONAL = "provisional", _("Provisional")
        REVISED = "revised", _("Revised")
        SUPPRESSED = "suppressed", _("Suppressed")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="observations")
    # As the source writes it ("2021/22", "2019", "Apr 2020-Mar 2021"), and its first and last
    # days, for ordering and charts.
    period = models.CharField(_("period"), max_length=40)
    period_start = models.DateField()
    period_end = models.DateField()
    value = models.DecimalField(max_digits=24, decimal_places=8, null=True, blank=True)
    published = models.CharField(_("value as published"), max_length=40, blank=True)
    lower_ci = models.DecimalField(max_digits=24, decimal_places=8, null=True, blank=True)
    upper_ci = models.DecimalField(max_digits=24, decimal_places=8, null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default="published")
    # The import that last changed this figure.
    release = models.ForeignKey(
        IndicatorImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["indicator", "area", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "period"], name="observation_once_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(status="suppressed", value__isnull=True)
                | (~models.Q(status="suppressed") & models.Q(value__isnull=False)),
                name="observation_suppressed_has_no_value",
            ),
        ]
        indexes = [
            models.Index(fields=["area", "indicator", "-period_start"], name="obs_area_latest"),
            models.Index(fields=["indicator", "-period_start"], name="obs_indicator_latest"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.area_id} {self.period}: {self.published or '—'}"


class ObservationRevision(models.Model):
    """A figure as an earlier release gave it, kept when a newer release revised it."""

    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="history")
    value = models.DecimalField(max_digits=24, decimal_places=8, null=True, blank=True)
    published = models.CharField(max_length=40, blank=True)
    lower_ci = models.DecimalField(max_digits=24, decimal_places=8, null=True, blank=True)
    upper_ci = models.DecimalField(max_digits=24, decimal_places=8, null=True, blank=True)
    status = models.CharField(max_length=12, choices=Observation.Status.choices)
    release = models.ForeignKey(
        IndicatorImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["observation", "-replaced_at", "-id"]

    def __str__(self) -> str:
        return f"{self.observation_id} was {self.published or '—'}"


class Target(TimeStampedModel):
    """A group's aim for an indicator in its area ("children in low-income families in Lambeth
    down 10% by 2028/29"), linked to an objective of the platform."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="outcome_targets")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="targets")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="targets")
    objective = models.ForeignKey(
        Objective, on_delete=models.PROTECT, related_name="outcome_targets"
    )
    # The figure the target starts from, as published for `baseline_period`.
    baseline_period = models.CharField(max_length=40)
    baseline_value = models.DecimalField(max_digits=24, decimal_places=8)
    target_value = models.DecimalField(max_digits=24, decimal_places=8)
    # The period by whose figure the target should be met ("2028/29").
    by_period = models.CharField(max_length=40)
    by_date = models.DateField()
    note = models.TextField(blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["by_date", "id"]

    def __str__(self) -> str:
        # The column keeps eight decimal places; a person reads "11,628", not "11628.00000000".
        figure = f"{self.target_value.normalize():,f}"
        return f"{self.indicator} in {self.area}: {figure} by {self.by_period}"

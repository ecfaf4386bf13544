"""The register of the public's representatives: the bodies they sit on, the areas they are
elected for, the people, their memberships over time, and how to reach them.

A membership is never rewritten into another: a party change or a by-election ends one membership
and starts the next, so the history stays. People are joined across files by their identifiers
(parlparse, datadotparl, a council's own id...), one row per scheme and value."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from groundwork.core.models import TimeStampedModel


class Source(models.Model):
    """A published dataset the register was imported from, with its licence."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"), max_length=300, blank=True)
    licence = models.CharField(_("licence"), max_length=200, blank=True)
    licence_url = models.URLField(_("licence address"), max_length=300, blank=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Body(TimeStampedModel):
    """A council, a parliament or a mayoralty that representatives are elected to."""

    class Kind(models.TextChoices):
        COUNCIL = "council", _("Council")
        COMMONS = "commons", _("House of Commons")
        SENEDD = "senedd", _("Senedd")
        SCOTTISH_PARLIAMENT = "scottish_parliament", _("Scottish Parliament")
        MAYORALTY = "mayoralty", _("Mayoralty")

    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    # The ONS GSS code of a council's local authority (E08000009 for Trafford); blank otherwise.
    gss_code = models.CharField(_("GSS code"), max_length=9, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("bodies")
        constraints = [
            models.UniqueConstraint(
                fields=["gss_code"], condition=~models.Q(gss_code=""), name="body_gss_code_once"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("accountability:body", kwargs={"slug": self.slug})


class Area(models.Model):
    """A ward or constituency a body's members are elected for, as of one lookup year: a ward's
    GSS code changes when its boundaries do, so the same name can be two areas."""

    class Kind(models.TextChoices):
        WARD = "ward", _("Ward")
        CONSTITUENCY = "constituency", _("Constituency")
        REGION = "region", _("Region")
        AUTHORITY = "authority", _("Whole authority")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="areas")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    gss_code = models.CharField(_("GSS code"), max_length=9, blank=True)
    # Public Whip's constituency id (uk.org.publicwhip/cons/N), where the source gives it.
    parlparse_id = models.CharField(max_length=60, blank=True)
    lookup_year = models.PositiveSmallIntegerField(_("lookup year"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["gss_code"], condition=~models.Q(gss_code=""), name="area_gss_code_once"
            ),
            models.UniqueConstraint(
                fields=["parlparse_id"],
                condition=~models.Q(parlparse_id=""),
                name="area_parlparse_id_once",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Person(TimeStampedModel):
    """Someone who holds or held a seat on a body."""

    name = models.CharField(_("name"), max_length=200, db_index=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("accountability:representative", kwargs={"pk": self.pk})


class Identifier(models.Model):
    """One id of a person in one scheme: "parlparse" (TheyWorkForYou person id), "datadotparl",
    "publicwhip" (member id), "everypolitician", "ynmp", "wikidata", "council:<GSS>" (the
    council's own id). Importers join people by these, never by name where an id exists."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="identifiers")
    scheme = models.CharField(max_length=40)
    value = models.CharField(max_length=120)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scheme", "value"], name="identifier_once"),
        ]

    def __str__(self) -> str:
        return f"{self.scheme}:{self.value}"


class Membership(models.Model):
    """A person's seat on a body, for an area and a party, from a date until a date (open while
    they serve)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    party = models.CharField(_("party"), max_length=120, blank=True)
    # Null where the source does not say (a council's first list says who serves, not since when).
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=120, blank=True)
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = [models.F("start_date").desc(nulls_last=True), "-id"]
        indexes = [models.Index(fields=["body", "end_date"], name="membership_body_serving")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.party}, {self.body})"


class ContactDetail(models.Model):
    """How to reach a person, as a source publishes it."""

    class Kind(models.TextChoices):
        EMAIL = "email", _("Email")
        PHONE = "phone", _("Phone")
        WEB = "web", _("Web page")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    value = models.CharField(_("value"), max_length=300)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "source", "kind"], name="contact_once_per_source"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.value}"

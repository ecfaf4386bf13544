"""The ONS Postcode Directory as the register uses it: where each postcode lies (ward,
Westminster constituency, local authority), by their GSS codes.

A postcode's row is replaced whole by each newer directory: ONS reassigns every postcode, live or
terminated, to the areas of the release. The names of the areas come from the register's `Area`
and `Body` rows, joined by GSS code, so this table holds codes only."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Postcode(models.Model):
    """A postcode of the directory and the areas it lies in."""

    # As Royal Mail writes it, one space before the inward code: "AL1 1AA".
    postcode = models.CharField(_("postcode"), max_length=8, unique=True)
    # The outward code, "AL1": what a member's profile keeps, and what the district answer uses.
    district = models.CharField(_("postcode district"), max_length=4, db_index=True)
    # GSS codes; blank where the directory gives none (its pseudo-codes such as E99999999).
    ward_gss = models.CharField(_("ward GSS code"), max_length=9, blank=True)
    constituency_gss = models.CharField(
        _("Westminster constituency GSS code"), max_length=9, blank=True
    )
    authority_gss = models.CharField(_("local authority GSS code"), max_length=9, blank=True)
    country_gss = models.CharField(_("country GSS code"), max_length=9, blank=True)
    latitude = models.DecimalField(max_digits=8, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    # The directory gives months ("199405"); kept as the first day of the month.
    introduced = models.DateField(_("introduced"), null=True, blank=True)
    terminated = models.DateField(_("terminated"), null=True, blank=True)

    class Meta:
        ordering = ["postcode"]

    def __str__(self) -> str:
        return self.postcode

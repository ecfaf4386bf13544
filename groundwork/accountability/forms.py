"""The form of the register's public pages: finding one's representatives from a postcode."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from groundwork.core.postcodes import normalised_postcode, postcode_district


class FindRepresentativesForm(forms.Form):
    """A whole postcode, or only its district (what a member's profile keeps)."""

    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=16,
        help_text=_("A whole postcode, such as SE15 4AB, or its first half, such as SE15."),
    )

    def clean_postcode(self) -> str:
        """The postcode as Royal Mail writes it ("AL1 1AA"), or the district alone ("AL1")."""
        typed = self.cleaned_data["postcode"]
        found = normalised_postcode(typed) or postcode_district(typed)
        if found is None:
            raise ValidationError(
                _("Enter a UK postcode, such as SE15 4AB, or its first half, such as SE15."),
                code="not_a_postcode",
            )
        return found

    @property
    def whole_postcode(self) -> str:
        """The whole postcode asked about, or "" if only a district was given."""
        value = self.cleaned_data["postcode"]
        return value if " " in value else ""

    @property
    def district(self) -> str:
        return self.cleaned_data["postcode"].split(" ")[0]

"""The form of the coordinators' import page: a file of statistics, as published."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from groundwork.outcomes.actions import Upload
from groundwork.outcomes.models import IndicatorImport

# The largest real file (Fingertips' healthy life expectancy, every English area) is 0.5 MB.
IMPORT_MAX_BYTES = 20 * 1024 * 1024


class IndicatorImportForm(forms.Form):
    """A file as its publisher released it, and its format if detection should not decide."""

    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A CSV as published: a DWP Stat-Xplore export, an ONS subnational indicators sheet, "
            "the Indices of Deprivation by local authority, or an OHID Fingertips file."
        ),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=[("", _("Detect it from the file")), *IndicatorImport.Format.choices],
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        size = upload.size or 0
        if size > IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("This file is %(size)s; the largest the import takes is %(limit)s."),
                code="too_large",
                params={"size": filesizeformat(size), "limit": filesizeformat(IMPORT_MAX_BYTES)},
            )
        name = str(upload.name or "")
        if not name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(
                _("Choose a CSV file (its name ends in .csv)."), code="not_csv"
            )
        return upload.read()

    def upload(self) -> Upload:
        """The upload, as the action takes it."""
        name = str(getattr(self.files.get("file"), "name", ""))
        return Upload(
            file_name=name, data=self.cleaned_data["file"], format=self.cleaned_data["format"]
        )

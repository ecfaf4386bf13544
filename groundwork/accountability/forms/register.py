"""Forms of the register's pages: importing a published file, finding one's representatives."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groundwork.accountability.actions import ImportFiles
from groundwork.accountability.importing.formats import decode
from groundwork.accountability.models import (
    RegisterImport,
)
from groundwork.core.postcodes import normalised_postcode, postcode_district

# The whole 2010-15 Commons in Popolo is about 2 MB; a council's list a few kilobytes.
IMPORT_MAX_BYTES = 20 * 1024 * 1024


def _read(upload: UploadedFile | None) -> str:
    if upload is None:
        return ""
    size = upload.size or 0
    if size > IMPORT_MAX_BYTES:
        raise forms.ValidationError(
            _("This file is %(size)s; the largest the import takes is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(IMPORT_MAX_BYTES)},
        )
    return decode(upload.read())


class RegisterImportForm(forms.Form):
    """A published file of representatives to import, as `import_representatives` takes it."""

    file = forms.FileField(
        label=_("File"),
        help_text=_("As published: Popolo JSON, the YourNextMP winners CSV, or a council's CSV."),
    )
    format = forms.ChoiceField(label=_("Format"), choices=RegisterImport.Format.choices)
    council = forms.CharField(
        label=_("Council's GSS code"),
        max_length=9,
        required=False,
        help_text=_("For a council's list only, such as E08000009 for Trafford."),
    )
    lookup = forms.FileField(
        label=_("Ward lookup"),
        required=False,
        help_text=_(
            "For a council's list only: the ONS ward to local authority lookup of the list's year."
        ),
    )
    as_of = forms.DateField(
        label=_("The date the file describes"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Changes (a new party, someone no longer serving) take effect on this date."),
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: show what would change, change nothing"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["as_of"].initial = timezone.localdate()

    def clean_file(self) -> str:
        return _read(self.cleaned_data.get("file"))

    def clean_lookup(self) -> str:
        return _read(self.cleaned_data.get("lookup"))

    def clean_council(self) -> str:
        return self.cleaned_data["council"].strip().upper()

    def files_to_import(self) -> ImportFiles:
        data = self.cleaned_data
        lookup = self.files.get("lookup")
        return ImportFiles(
            format=data["format"],
            file_name=str(getattr(self.files.get("file"), "name", ""))[:200],
            text=data["file"],
            as_of=data["as_of"],
            dry_run=data["dry_run"],
            council=data["council"],
            lookup_name=str(getattr(lookup, "name", ""))[:200] if lookup else "",
            lookup_text=data["lookup"],
        )


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

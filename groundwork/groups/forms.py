from typing import Any, cast

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from groundwork.core.audit.sentences import KINDS
from groundwork.core.postcodes import looks_like_postcode, postcode_district
from groundwork.groups.models import Group, MemberImport, Membership


class GroupForm(forms.ModelForm):
    districts = forms.CharField(
        label=_("Postcode districts"),
        required=False,
        help_text=_(
            "The districts the group covers, separated by commas or spaces, such as SE15, SE5."
        ),
    )

    class Meta:
        model = Group
        fields = [
            "name",
            "kind",
            "parent",
            "description",
            "join_policy",
            "area_name",
            "ons_code",
            "latitude",
            "longitude",
            "contact_email",
        ]
        labels = {
            "name": _("Name"),
            "kind": _("Kind"),
            "parent": _("Parent"),
            "description": _("Description"),
            "join_policy": _("Join policy"),
            "area_name": _("Area name"),
            "latitude": _("Latitude"),
            "longitude": _("Longitude"),
            "contact_email": _("Contact email"),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            parent = cast(forms.ModelChoiceField, self.fields["parent"])
            parent.queryset = Group.objects.exclude(pk=self.instance.pk)
            self.initial.setdefault(
                "districts", ", ".join(d.district for d in self.instance.postcode_districts.all())
            )

    def clean_districts(self) -> list[str]:
        raw = self.cleaned_data["districts"].replace(",", " ").split()
        districts: list[str] = []
        wrong: list[str] = []
        for item in raw:
            district = postcode_district(item)
            (districts if district else wrong).append(district or item)
        if wrong:
            raise forms.ValidationError(
                _(
                    "These are not postcode districts: %(wrong)s. Use the first half of a postcode, such as SE15."
                ),
                params={"wrong": ", ".join(wrong)},
            )
        return sorted(set(districts))

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if (cleaned.get("latitude") is None) != (cleaned.get("longitude") is None):
            self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        return cleaned

    def group_values(self) -> dict:
        return {field: self.cleaned_data[field] for field in self.Meta.fields}


class JoinForm(forms.Form):
    message = forms.CharField(
        label=_("A note for the organisers (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ContactForm(forms.Form):
    """A message to a group's organisers; a visitor who is not signed in gives a name and email."""

    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(label=_("Your email address"), help_text=_("For their reply only."))
    message = forms.CharField(
        label=_("Your message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, signed_in: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if signed_in:  # the account's own name and address are used
            del self.fields["name"]
            del self.fields["email"]


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address of the person to invite"))


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search by name, area or postcode"),
        required=False,
        max_length=100,
    )

    def clean_q(self) -> str:
        """A search that starts like a postcode must be one: whole (SE15 4AB) or its first half."""
        text = " ".join(self.cleaned_data["q"].split())
        if looks_like_postcode(text) and not postcode_district(text):
            raise forms.ValidationError(
                _(
                    "“%(text)s” is not a UK postcode. Enter a whole postcode, such as SE15 4AB, "
                    "or its first half, such as SE15."
                ),
                params={"text": text},
            )
        return text


class GroupRequestForm(forms.Form):
    district = forms.CharField(label=_("Postcode district"), max_length=10)
    note = forms.CharField(
        label=_("Anything the coordinators should know (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    email = forms.EmailField(label=_("Your email address"), required=False)
    consent = forms.BooleanField(
        label=_("I agree to be emailed about starting or joining a group in this district."),
        required=False,
    )

    def __init__(self, *args, signed_in: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.signed_in = signed_in
        if signed_in:
            del self.fields["email"]
            del self.fields["consent"]
        else:
            self.fields["email"].required = True
            self.fields["consent"].required = True

    def clean_district(self) -> str:
        district = postcode_district(self.cleaned_data["district"])
        if not district:
            raise forms.ValidationError(
                _("Enter a postcode district, such as SE15, or a whole postcode.")
            )
        return district


class MailingForm(forms.Form):
    """An email from the organisers to the group's members or a segment of them."""

    segment = forms.ChoiceField(label=_("Who it goes to"))
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(
        label=_("Message"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Plain text. Markdown works too: **bold**, lists, and [links](https://example.org). "
            "Each email ends with a line on how to write to the organisers and how to unsubscribe."
        ),
    )
    token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, segments: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["segment"]).choices = segments


class AuditFilterForm(forms.Form):
    """The audit page's filter: who acted, what kind of action, and between which days."""

    person = forms.CharField(
        label=_("Person"), required=False, max_length=80, help_text=_("Part of their name.")
    )
    kind = forms.ChoiceField(label=_("Kind of action"), required=False)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = cast(forms.ChoiceField, self.fields["kind"])
        kind.choices = [("", _("Every kind"))] + [
            (key, label) for key, (label, _nouns) in KINDS.items()
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("The last day comes before the first."))
        return cleaned

    def filters(self) -> dict[str, Any]:
        """The filters that read (a field with an error is left out, the others still apply)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in self.errors and value not in (None, "")
        }


class AnswerGroupRequestsForm(forms.Form):
    """A coordinator picks the group that answers a district's requests: one covering it or
    near it."""

    group = forms.ChoiceField(label=_("The group that answers them"), widget=forms.RadioSelect)

    def __init__(self, *args, groups: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.groups = {group.slug: group for group in groups}
        self.fields["group"].choices = [(group.slug, group.name) for group in groups]  # type: ignore[attr-defined]

    def clean_group(self):
        return self.groups[self.cleaned_data["group"]]


class MemberImportForm(forms.Form):
    """A members' list to import, and the lawful basis on which the group may contact them."""

    file = forms.FileField(
        label=_("Members' list (CSV)"),
        help_text=_(
            "A CSV export from Action Network, NationBuilder, CiviCRM or ActionKit, or a "
            "spreadsheet saved as CSV with a header row. Excel files (.xlsx): save as CSV first."
        ),
    )
    basis = forms.ChoiceField(
        label=_("Why may the group contact these people?"),
        choices=MemberImport.LawfulBasis.choices,
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(
        label=_(
            "I confirm that the group holds this list lawfully on that basis. Each person will "
            "be invited to join, and only those who accept will become members."
        )
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.GROUNDWORK_UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is too large: at most %(size)s.")
                % {"size": filesizeformat(settings.GROUNDWORK_UPLOAD_MAX_BYTES)}
            )
        return upload


class MemberImportMappingForm(forms.Form):
    """Which column of the file holds each field we import."""

    def __init__(self, *args, header: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        columns = [("", _("(none)"))] + [
            (str(index), name or _("Column %(number)s") % {"number": index + 1})
            for index, name in enumerate(header)
        ]
        labels = {
            "email": _("Email address"),
            "first_name": _("First name"),
            "last_name": _("Last name"),
            "name": _("Full name (used instead of first and last names)"),
        }
        for name, label in labels.items():
            self.fields[name] = forms.TypedChoiceField(
                label=label,
                choices=columns,
                required=name == "email",
                coerce=int,
                empty_value=None,
            )

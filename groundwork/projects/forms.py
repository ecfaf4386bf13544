from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groundwork.aims.models import Objective
from groundwork.core.postcodes import postcode_district
from groundwork.members.forms import PeopleChoiceField
from groundwork.members.models import User
from groundwork.projects.models import AidRequest, Listing, Partner, Partnership, Project


class ProjectForm(forms.ModelForm):
    objectives = forms.ModelMultipleChoiceField(
        label=_("Objectives"),
        queryset=Objective.objects.order_by("number"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The objectives of the platform this project works towards."),
    )
    coordinators: "forms.ModelMultipleChoiceField[User]" = PeopleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Coordinators"),
        help_text=_(
            "Members of the group who run the project with the organisers. They see "
            "requests for help."
        ),
    )

    class Meta:
        model = Project
        fields = ["name", "kind", "focus", "summary", "description", "where"]
        labels = {
            "name": _("Name"),
            "kind": _("Kind"),
            "focus": _("Focus"),
            "summary": _("Summary"),
            "description": _("Description"),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, members, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["coordinators"]).queryset = members
        if self.instance.pk:
            self.initial.setdefault("objectives", list(self.instance.objectives.all()))
            self.initial.setdefault("coordinators", list(self.instance.coordinators.all()))

    def validate_unique(self) -> None:
        # The group is set by the action, so the form checks the name within the group itself.
        pass

    def project_values(self) -> dict:
        return {field: self.cleaned_data[field] for field in self.Meta.fields}


class ListingForm(forms.ModelForm):
    postcode_district = forms.CharField(
        label=_("Postcode district"),
        max_length=10,
        required=False,
        help_text=_(
            "Where, if not the group's own area: the first half of a postcode, such as SE15."
        ),
    )

    class Meta:
        model = Listing
        fields = ["kind", "title", "description", "postcode_district"]
        labels = {
            "kind": _("Is it something the project needs or offers?"),
            "title": _("Title"),
            "description": _("Description"),
        }
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_postcode_district(self) -> str:
        raw = self.cleaned_data["postcode_district"]
        if not raw:
            return ""
        district = postcode_district(raw)
        if not district:
            raise forms.ValidationError(
                _("Enter the first half of a postcode, such as SE15 or M1.")
            )
        return district


class AidRequestForm(forms.ModelForm):
    postcode_district = forms.CharField(
        label=_("Postcode district"),
        max_length=10,
        help_text=_("The first half of your postcode, such as SE15. A full postcode works too."),
    )

    class Meta:
        model = AidRequest
        fields = ["name", "contact", "need", "postcode_district"]
        widgets = {"need": forms.Textarea(attrs={"rows": 4})}

    def clean_postcode_district(self) -> str:
        raw = self.cleaned_data["postcode_district"]
        district = postcode_district(raw)
        if not district:
            raise forms.ValidationError(
                _("Enter the first half of your postcode, such as SE15 or M1.")
            )
        return district


class AidRequestStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=AidRequest.Status.choices)


class ShiftForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=120, help_text=_("Such as “Saturday kitchen: cooking”.")
    )
    starts_at = forms.DateTimeField(
        label=_("Starts"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    places = forms.IntegerField(
        label=_("Places"), min_value=1, max_value=500, help_text=_("How many volunteers.")
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and starts < timezone.now():
            self.add_error("starts_at", _("The shift must start in the future."))
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The shift must end after it starts."))
        return cleaned


class PartnershipForm(forms.Form):
    partner_name = forms.CharField(
        label=_("Partner organisation"),
        max_length=160,
        help_text=_(
            "Such as “Unite Southwark branch”. An organisation already on the list is reused."
        ),
    )
    partner_kind = forms.ChoiceField(label=_("Kind of organisation"), choices=Partner.Kind.choices)
    website = forms.URLField(label=_("Website"), required=False)
    project: "forms.ModelChoiceField[Project]" = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label=_("The whole group"),
        label=_("With which project"),
    )
    kind = forms.ChoiceField(label=_("Relationship"), choices=Partnership.Kind.choices)
    description = forms.CharField(label=_("Description"), max_length=300, required=False)
    since = forms.DateField(
        label=_("Since"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Such as 2024-05-01."),
    )

    def __init__(self, *args, projects, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["project"]).queryset = projects

    def clean_since(self):
        since = self.cleaned_data["since"]
        if since and since > timezone.localdate():
            raise forms.ValidationError(_("The relationship cannot start in the future."))
        return since

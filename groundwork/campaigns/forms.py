import uuid
from typing import cast

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from groundwork.aims.models import Objective
from groundwork.campaigns.hooks import LetterRecipient
from groundwork.campaigns.models import (
    Campaign,
    CampaignUpdate,
    LetterTemplate,
    Milestone,
    Petition,
    Target,
)
from groundwork.core.postcodes import normalised_postcode, postcode_district
from groundwork.groups.models import ons_code_validator


def clean_district(value: str) -> str:
    district = postcode_district(value or "")
    if not district:
        raise forms.ValidationError(
            _("Enter a UK postcode or its first half, such as SE15 4AB or SE15.")
        )
    return district


class CampaignForm(forms.ModelForm):
    objectives = forms.ModelMultipleChoiceField(
        label=_("Objectives"),
        queryset=Objective.objects.order_by("number"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The objectives of the platform this campaign works towards."),
    )

    class Meta:
        model = Campaign
        fields = ["title", "summary", "description", "demands", "status"]
        labels = {
            "title": _("Title"),
            "summary": _("Summary"),
            "description": _("Description"),
            "demands": _("Demands"),
            "status": _("Status"),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "demands": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("objectives", list(self.instance.objectives.all()))
        # Objectives come after the demands, before the status.
        self.order_fields(["title", "summary", "description", "demands", "objectives", "status"])

    def campaign_values(self) -> dict:
        return {field: self.cleaned_data[field] for field in self.Meta.fields}


class TargetForm(forms.ModelForm):
    class Meta:
        model = Target
        fields = ["kind", "name", "role", "email", "ons_codes", "postcode_districts"]
        labels = {
            "kind": _("Kind"),
            "name": _("Name"),
            "role": _("Role"),
            "email": _("Email"),
            "postcode_districts": _("Postcode districts"),
        }
        help_texts = {
            "kind": _(
                "For “each writer's own MP” or “ward councillors”, every writer's letter goes to "
                "their own, found from their postcode in the register of representatives."
            )
        }

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if cleaned.get("kind") in Target.FOUND_FROM_POSTCODE and cleaned.get("email"):
            self.add_error(
                "email",
                _(
                    "Leave the email empty for this kind of target: each letter goes to the "
                    "address the register holds for the writer's own representative."
                ),
            )
        return cleaned

    def clean_ons_codes(self) -> str:
        codes = self.cleaned_data["ons_codes"].replace(",", " ").upper().split()
        wrong = []
        for code in codes:
            try:
                ons_code_validator(code)
            except forms.ValidationError:
                wrong.append(code)
        if wrong:
            raise forms.ValidationError(
                _("These are not ONS codes: %(wrong)s. An ONS code looks like E09000028."),
                params={"wrong": ", ".join(wrong)},
            )
        return " ".join(sorted(set(codes)))

    def clean_postcode_districts(self) -> str:
        raw = self.cleaned_data["postcode_districts"].replace(",", " ").split()
        districts = [postcode_district(item) for item in raw]
        wrong = [item for item, district in zip(raw, districts, strict=True) if not district]
        if wrong:
            raise forms.ValidationError(
                _(
                    "These are not postcode districts: %(wrong)s. Use the first half of a postcode, such as SE15."
                ),
                params={"wrong": ", ".join(wrong)},
            )
        return " ".join(sorted({district for district in districts if district}))

    def target_values(self) -> dict:
        return {field: self.cleaned_data[field] for field in self.Meta.fields}


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "happened_on", "is_win", "description"]
        widgets = {
            "happened_on": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "title": _("Title"),
            "happened_on": _("When"),
            "description": _("Description"),
        }


class UpdateForm(forms.ModelForm):
    class Meta:
        model = CampaignUpdate
        fields = ["title", "body"]
        labels = {
            "title": _("Title"),
            "body": _("Body"),
        }
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}


class PetitionForm(forms.ModelForm):
    class Meta:
        model = Petition
        fields = ["title", "statement", "target", "goal", "status"]
        labels = {
            "title": _("Title"),
            "statement": _("Statement"),
            "target": _("Target"),
            "goal": _("Goal"),
            "status": _("Status"),
        }
        widgets = {"statement": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, campaign: Campaign, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        target = cast(forms.ModelChoiceField, self.fields["target"])
        target.queryset = Target.objects.filter(campaign=campaign)

    def petition_values(self) -> dict:
        return {field: self.cleaned_data[field] for field in self.Meta.fields}


class SignForm(forms.Form):
    name = forms.CharField(max_length=120, label=_("Your name"))
    email = forms.EmailField(
        max_length=254,
        label=_("Your email"),
        help_text=_("We email you a link to confirm your signature."),
    )
    postcode = forms.CharField(
        max_length=10,
        label=_("Your postcode"),
        help_text=_("Only its first half (such as SE15) is kept."),
    )

    def clean_postcode(self) -> str:
        return clean_district(self.cleaned_data["postcode"])


# A letter's subject fits LetterTemplate.subject; its body, one email a representative reads.
LETTER_SUBJECT_LENGTH = 160
LETTER_BODY_LENGTH = 6000
TOO_LONG = _(
    "This is %(show_value)s characters long; it can be at most %(limit_value)s. Shorten it: "
    "nothing you wrote has been lost."
)


def _never_cut_silently(form: forms.BaseForm) -> None:
    """Drop the `maxlength` attributes: a browser cuts pasted text at them without a word, where
    the server's check keeps every character and says, at the field, how much to shorten."""
    for field in form.fields.values():
        field.widget.attrs.pop("maxlength", None)


class MemberSignForm(forms.Form):
    """Signing as a signed-in member with a verified email: the account gives the name and
    email; the postcode is asked only when the profile has no district."""

    postcode = forms.CharField(
        max_length=10,
        label=_("Your postcode"),
        help_text=_("Only its first half (such as SE15) is kept."),
    )

    def __init__(self, *args, district: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.district = district
        if district:
            del self.fields["postcode"]

    def clean_postcode(self) -> str:
        return clean_district(self.cleaned_data["postcode"])

    def postcode_district(self) -> str:
        return self.district or self.cleaned_data["postcode"]


class LetterTemplateForm(forms.ModelForm):
    """The organisers' letter: no longer than a member's letter may be, or it could not be sent."""

    class Meta:
        model = LetterTemplate
        fields = ["subject", "body", "is_open"]
        labels = {
            "subject": _("Subject"),
            "body": _("Body"),
        }
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}
        error_messages = {"subject": {"max_length": TOO_LONG}}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        body = cast(forms.CharField, self.fields["body"])
        body.max_length = LETTER_BODY_LENGTH
        body.validators.append(MaxLengthValidator(LETTER_BODY_LENGTH))
        body.error_messages["max_length"] = TOO_LONG
        _never_cut_silently(self)


class LetterForm(forms.Form):
    """The member's letter; with `recipients` (found from their postcode, hooks.FoundRecipients)
    they choose whom it goes to, their postcode carried from the step before."""

    postcode_district = forms.CharField(
        max_length=10,
        label=_("Your postcode"),
        help_text=_("Your letter goes to the target for your area. Only its first half is kept."),
    )
    recipient = forms.ChoiceField(
        label=_("Who your letter goes to"), widget=forms.RadioSelect, required=True
    )
    subject = forms.CharField(
        label=_("Subject"),
        max_length=LETTER_SUBJECT_LENGTH,
        error_messages={"max_length": TOO_LONG},
    )
    body = forms.CharField(
        label=_("Your letter"),
        max_length=LETTER_BODY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "“Dear …” and your name are added for you. Make it your own: up to 6,000 characters."
        ),
        error_messages={"max_length": TOO_LONG},
    )

    def __init__(self, *args, recipients: list[LetterRecipient] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _never_cut_silently(self)
        if not recipients:
            del self.fields["recipient"]
            return
        self.fields["postcode_district"].widget = forms.HiddenInput()
        cast(forms.ChoiceField, self.fields["recipient"]).choices = [
            (recipient.key, f"{recipient.name}: {recipient.description}")
            for recipient in recipients
        ]

    def clean_postcode_district(self) -> str:
        typed = self.cleaned_data["postcode_district"]
        # The whole postcode finds the writer's own ward; only its district is ever kept.
        self.cleaned_data["postcode"] = normalised_postcode(typed) or ""
        return clean_district(typed)


class LetterPostcodeForm(forms.Form):
    """The first step of a letter to one's own representative: where the writer lives."""

    postcode = forms.CharField(
        label=_("Your postcode"),
        max_length=16,
        help_text=_(
            "Your whole postcode, such as SE15 4AB, finds your own ward and constituency. "
            "Only its first half is kept with your letter."
        ),
    )

    def clean_postcode(self) -> str:
        """The postcode as Royal Mail writes it ("AL1 1AA"), or the district alone ("AL1")."""
        typed = self.cleaned_data["postcode"]
        found = normalised_postcode(typed) or postcode_district(typed)
        if found is None:
            raise forms.ValidationError(
                _("Enter a UK postcode, such as SE15 4AB, or its first half, such as SE15.")
            )
        return found

    @property
    def whole_postcode(self) -> str:
        """The whole postcode given, or "" if only a district was."""
        value = self.cleaned_data["postcode"]
        return value if " " in value else ""

    @property
    def district(self) -> str:
        return self.cleaned_data["postcode"].split(" ")[0]


class LetterConfirmationForm(forms.Form):
    """The preview's token: drawn afresh each time a preview is shown, repeated by any resubmission
    of it, so that confirming it twice sends one letter (actions.check_send_letter)."""

    confirmation = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

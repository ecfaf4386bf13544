from django import forms
from django.urls import reverse_lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from groundwork.core.postcodes import postcode_district
from groundwork.members.models import Profile, User

NOT_A_DISTRICT = _("Enter the first half of a UK postcode, such as SE15 or M1.")


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form (allauth calls `signup` once the user exists)."""

    display_name = forms.CharField(
        max_length=80, label=_("Your name"), help_text=_("How other members will see you.")
    )
    agree_privacy = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree that Groundwork keeps my membership records."
        ),
        error_messages={"required": _("You need to agree to the privacy notice to join.")},
        help_text=format_lazy(
            _('<a href="{}">Read the privacy notice</a>: what Groundwork keeps and who sees it.'),
            reverse_lazy("members:privacy"),
        ),
    )

    # Opt-in: empty until the person ticks it, and joining does not depend on it.
    agree_contact = forms.BooleanField(
        required=False,
        initial=False,
        label=_("Organisers of my groups may email me about the group's work (optional)."),
        help_text=_("You can change this at any time on your profile."),
    )

    def signup(self, request, user: User) -> None:
        from groundwork.members.actions import do_sign_up_member

        do_sign_up_member(
            user,
            display_name=self.cleaned_data["display_name"],
            organiser_contact=self.cleaned_data.get("agree_contact", False),
            acting_user=user,
        )


class ProfileForm(forms.ModelForm):
    display_name = forms.CharField(max_length=80, label=_("Your name"))
    # Longer than the stored district, so a whole postcode can be typed and reduced to its district.
    postcode_district = forms.CharField(
        max_length=10,
        required=False,
        label=_("Postcode district"),
        help_text=_("The first half of your postcode, such as SE15."),
        error_messages={"max_length": NOT_A_DISTRICT},
    )

    class Meta:
        model = Profile
        fields = [
            "pronouns",
            "postcode_district",
            "skills",
            "interests",
            "share_skills",
            "show_pronouns",
            "allow_organiser_contact",
        ]
        labels = {
            "pronouns": _("Pronouns"),
            "skills": _("Skills"),
            "interests": _("Interests"),
            "share_skills": _("Share skills"),
            "show_pronouns": _("Show pronouns"),
            "allow_organiser_contact": _("Allow organiser contact"),
        }
        widgets = {
            "skills": forms.Textarea(attrs={"rows": 3}),
            "interests": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_postcode_district(self) -> str:
        value = self.cleaned_data["postcode_district"].strip()
        if not value:
            return ""
        district = postcode_district(value)
        if district is None:
            raise forms.ValidationError(NOT_A_DISTRICT)
        return district


class EraseAccountForm(forms.Form):
    """Deleting an account: the person's password, and that they understand it is for good."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    understood = forms.BooleanField(
        label=_("I understand that my account is deleted for good and cannot be restored."),
        error_messages={"required": _("Tick this box to confirm that you want to delete it.")},
    )

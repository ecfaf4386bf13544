"""The form that creates a personal access token."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groundwork.api.models.tokens import ACCESS, KINDS
from groundwork.api.queries import groups_a_token_may_be_limited_to

KIND_LABELS = {
    "groups": _("groups and their members"),
    "events": _("events and RSVPs"),
    "campaigns": _("campaigns, petitions and signatures"),
    "democracy": _("proposals and ballots"),
    "resources": _("the library and help requests"),
    "learning": _("courses"),
    "accountability": _("representatives and positions"),
    "outcomes": _("outcomes and targets"),
    "people": _("people (OSDI)"),
}
ACCESS_LABELS = {"read": _("read"), "write": _("read and write")}
LIFETIMES = [("30", _("30 days")), ("90", _("90 days")), ("365", _("a year")), ("", _("never"))]


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What the token is for, e.g. “Mailing sync”.")
    )
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"),
        widget=forms.CheckboxSelectMultiple,
        choices=[
            (f"{kind}:{access}", f"{KIND_LABELS[kind]}: {ACCESS_LABELS[access]}")
            for kind in KINDS
            for access in ACCESS
        ],
        help_text=_("Write includes read. Choose only what the tool needs."),
    )
    groups: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Only these groups"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for every group you belong to."),
    )
    expires_in = forms.ChoiceField(label=_("Expires in"), choices=LIFETIMES, required=False)

    def __init__(self, *args, owner, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        groups = groups_a_token_may_be_limited_to(owner)
        self.fields["groups"].queryset = groups  # type: ignore[attr-defined]
        if not groups.exists():
            del self.fields["groups"]

    def expires_at(self):
        days = self.cleaned_data.get("expires_in")
        return timezone.now() + timedelta(days=int(days)) if days else None

"""Forms of the API app: a group's webhook endpoints.

The form that creates a personal access token.
"""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groundwork.api.models import WebhookEvent
from groundwork.api.models.tokens import ACCESS, KINDS, SCOPES
from groundwork.api.queries import groups_a_token_may_be_limited_to


class WebhookEventsField(forms.MultipleChoiceField):
    def __init__(self, **kwargs) -> None:
        super().__init__(
            label=_("Events to send"),
            choices=WebhookEvent.choices,
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": _("Choose at least one event.")},
            **kwargs,
        )


class WebhookEndpointForm(forms.Form):
    """A new endpoint: where to post, what it is for, and which events."""

    url = forms.URLField(
        label=_("Address"),
        max_length=500,
        assume_scheme="https",
        help_text=_("An https:// address of your own tool that accepts a POST of JSON."),
    )
    description = forms.CharField(
        label=_("What it is for"),
        max_length=100,
        required=False,
        help_text=_("For example: our CRM, the welcome spreadsheet."),
    )
    events = WebhookEventsField()


class WebhookEventsForm(forms.Form):
    """Changing an endpoint: what it is for and which events (the address stays; add a new one
    for another address, so a secret never signs for a place it was not given to)."""

    description = WebhookEndpointForm.base_fields["description"]
    events = WebhookEventsField()


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
            if f"{kind}:{access}" in SCOPES
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
    # A forgotten token should not work for ever: 90 days unless the person chooses otherwise.
    expires_in = forms.ChoiceField(
        label=_("Expires in"), choices=LIFETIMES, required=False, initial="90"
    )

    def __init__(self, *args, owner, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        groups = groups_a_token_may_be_limited_to(owner)
        self.fields["groups"].queryset = groups  # type: ignore[attr-defined]
        if not groups.exists():
            del self.fields["groups"]

    def expires_at(self):
        days = self.cleaned_data.get("expires_in")
        return timezone.now() + timedelta(days=int(days)) if days else None

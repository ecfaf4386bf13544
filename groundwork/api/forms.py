"""Forms of the API app: a group's webhook endpoints."""

from django import forms
from django.utils.translation import gettext_lazy as _

from groundwork.api.models import WebhookEvent


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

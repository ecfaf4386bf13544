from django import forms

from groundwork.notifications.models import Delivery, NotificationKind


class PreferencesForm(forms.Form):
    """One choice of delivery for each kind of notification."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for kind in NotificationKind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label, choices=Delivery.choices, widget=forms.RadioSelect
            )

from typing import cast
from urllib.parse import urlsplit

from django import forms
from django.urls import Resolver404, resolve

from groundwork.events.models import Event
from groundwork.groups.models import Group
from groundwork.learning.models import Course
from groundwork.resources.models import Resource

NOT_AN_ADDRESS = (
    "Paste the address of a resource in the library or of an event, such as /library/12/ "
    "or /events/34/."
)


# Who may follow a course: a group's course may also be for its members only.
OPEN_SCOPES = [
    (Course.Scope.ALLIANCE, "Members of the alliance"),
    (Course.Scope.PUBLIC, "Anyone, without an account"),
]


class CourseForm(forms.Form):
    title = forms.CharField(max_length=160, help_text="Such as “Demystifying economics”.")
    summary = forms.CharField(
        max_length=300, required=False, help_text="One sentence, shown in the list of courses."
    )
    description = forms.CharField(
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Markdown.",
    )
    scope = forms.ChoiceField(label="Who may follow it", choices=OPEN_SCOPES)

    def __init__(self, *args, group: Group | None = None, **kwargs) -> None:
        """`group`: the group whose course it is, whose members alone may then be chosen; None
        for one of the alliance's own courses."""
        super().__init__(*args, **kwargs)
        if group is not None:
            only_ours = (Course.Scope.GROUP, f"{group.name}'s members only")
            scope = cast(forms.ChoiceField, self.fields["scope"])
            scope.choices = [only_ours, *OPEN_SCOPES]


class StepForm(forms.Form):
    address = forms.CharField(
        label="Resource or event",
        max_length=300,
        help_text="The address of its page, such as /library/12/ or /events/34/.",
    )
    title = forms.CharField(
        max_length=160,
        required=False,
        help_text="Leave empty to use the resource's or event's own title.",
    )
    note = forms.CharField(
        label="Why this step",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What to look out for, or what to do next.",
    )

    def clean_address(self) -> Resource | Event:
        """The resource or event whose page the address names."""
        text = self.cleaned_data["address"].strip()
        path = urlsplit(text).path or text
        if not path.startswith("/"):
            path = f"/{path}"
        try:
            match = resolve(path)
        except Resolver404:
            raise forms.ValidationError(NOT_AN_ADDRESS) from None
        models: dict[str, type[Resource] | type[Event]] = {
            "resources:detail": Resource,
            "events:detail": Event,
        }
        model = models.get(match.view_name)
        if model is None:
            raise forms.ValidationError(NOT_AN_ADDRESS)
        item = model.objects.select_related("group").filter(pk=match.kwargs["pk"]).first()
        if item is None:
            kind = "resource" if model is Resource else "event"
            raise forms.ValidationError(f"There is no {kind} at that address.")
        return item

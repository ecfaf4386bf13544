from typing import cast
from urllib.parse import urlsplit

from django import forms
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _

from groundwork.events.models import Event
from groundwork.groups.models import Group
from groundwork.learning.models import Course
from groundwork.resources.models import Resource

NOT_AN_ADDRESS = _(
    "Paste the address of a resource in the library or of an event, such as /library/12/ "
    "or /events/34/."
)


# Who may follow a course: a group's course may also be for its members only.
OPEN_SCOPES = [
    (Course.Scope.ALLIANCE, _("Members of the alliance")),
    (Course.Scope.PUBLIC, _("Anyone, without an account")),
]


class CourseForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=160, help_text=_("Such as “Demystifying economics”.")
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=300,
        required=False,
        help_text=_("One sentence, shown in the list of courses."),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown."),
    )
    scope = forms.ChoiceField(label=_("Who may follow it"), choices=OPEN_SCOPES)

    def __init__(self, *args, group: Group | None = None, **kwargs) -> None:
        """`group`: the group whose course it is, whose members alone may then be chosen; None
        for one of the alliance's own courses."""
        super().__init__(*args, **kwargs)
        if group is not None:
            only_ours = (Course.Scope.GROUP, _("%(group)s's members only") % {"group": group.name})
            scope = cast(forms.ChoiceField, self.fields["scope"])
            scope.choices = [only_ours, *OPEN_SCOPES]


class StepForm(forms.Form):
    address = forms.CharField(
        label=_("Resource or event"),
        max_length=300,
        help_text=_("The address of its page, such as /library/12/ or /events/34/."),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=160,
        required=False,
        help_text=_("Leave empty to use the resource's or event's own title."),
    )
    note = forms.CharField(
        label=_("Why this step"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What to look out for, or what to do next."),
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
            if model is Resource:
                raise forms.ValidationError(_("There is no resource at that address."))
            raise forms.ValidationError(_("There is no event at that address."))
        return item

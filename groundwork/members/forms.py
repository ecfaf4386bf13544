import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db.models import Q
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext
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


# People pickers tell apart people who share a name, without showing anyone's email address. A
# picker lists people by the name others see (`User.name`). Where two or more in the same list
# share it, each is told apart by when they joined ("Sam Patel, joined March 2025"), and where
# even that is shared, by the day and their member number. Nothing here shows an email address, a
# postcode or a group the person picking may not see.


def _joined(user: User, pattern: str) -> str:
    return date_format(timezone.localtime(user.date_joined), pattern)


def people_labels(people: Iterable[User]) -> dict[int, str]:
    """A label for each person, by id: their name, with what tells them apart where the list
    holds others of the same name."""
    people = list(people)
    names = Counter(person.name.casefold() for person in people)
    months = Counter(
        (person.name.casefold(), _joined(person, "F Y"))
        for person in people
        if names[person.name.casefold()] > 1
    )
    labels = {}
    for person in people:
        name = person.name
        if names[name.casefold()] == 1:
            labels[person.pk] = name
        elif months[(name.casefold(), _joined(person, "F Y"))] == 1:
            labels[person.pk] = gettext("%(name)s, joined %(month)s") % {
                "name": name,
                "month": _joined(person, "F Y"),
            }
        else:
            labels[person.pk] = gettext("%(name)s, joined %(day)s, member no. %(number)s") % {
                "name": name,
                "day": _joined(person, "j F Y"),
                "number": person.pk,
            }
    return labels


def people_choices(people: Iterable[User]) -> list[tuple[int, str]]:
    """(id, label) for each person, in the order given, for a ChoiceField."""
    people = list(people)
    labels = people_labels(people)
    return [(person.pk, labels[person.pk]) for person in people]


class _PeopleIterator(ModelChoiceIterator):
    """Reads the people once, then labels each with what tells them apart."""

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        people = list(self.queryset)
        labels = people_labels(people)
        for person in people:
            value = ModelChoiceIteratorValue(self.field.prepare_value(person), person)
            yield (value, labels[person.pk])


class PersonChoiceField(forms.ModelChoiceField):
    """Choose one person from a queryset of users, told apart from others of the same name."""

    iterator = _PeopleIterator


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    """Choose people from a queryset of users, told apart from others of the same name."""

    iterator = _PeopleIterator


MOST_PEOPLE_BY_NAME = 100


class PeopleByNameField(forms.Field):
    """Choose people from a large queryset of users by typing their names, one a line.

    A checkbox for each of thousands of members made a page of a megabyte that took over a
    second to draw (the steward picker of a 6,492-member group) and that nobody could use. Here
    the person types names; a name several people share is refused with the labels that tell
    them apart (`people_labels`), any of which may be typed instead. As with the pickers above,
    no email address is shown or accepted.
    """

    widget: type[forms.Widget] | forms.Widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, *, queryset=None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.queryset = queryset if queryset is not None else User.objects.none()

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, str) or not value:
            return value or ""
        people = [person for person in value if isinstance(person, User)]
        labels = people_labels(self._named(person.name for person in people))
        return "\n".join(labels.get(person.pk, person.name) for person in people)

    def _named(self, names: Iterable[str]) -> list[User]:
        """Everyone in the queryset whose name, ignoring case, is one of `names`."""
        wanted = {name.strip().casefold() for name in names if name.strip()}
        if not wanted:
            return []
        candidates = self.queryset.filter(
            Q(display_name__iregex=_any_of(wanted))
            | Q(display_name="", email__iregex=_any_of(wanted, then="@"))
        ).only("pk", "display_name", "email", "date_joined")
        return [person for person in candidates if person.name.casefold() in wanted]

    def clean(self, value: Any) -> list[User]:
        ProhibitNullCharactersValidator()(value or "")
        lines = list(dict.fromkeys(line.strip() for line in (value or "").splitlines()))
        lines = [line for line in lines if line]
        if len(lines) > MOST_PEOPLE_BY_NAME:
            raise ValidationError(
                gettext("Name at most %(most)s people here.") % {"most": MOST_PEOPLE_BY_NAME}
            )
        if not lines:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        # A line is a name, or a label from people_labels ("Sam Patel, joined March 2025").
        people = self._named([*lines, *(line.split(",")[0] for line in lines)])
        labels = people_labels(people)
        by_label = {labels[person.pk].casefold(): person for person in people}
        by_name: dict[str, list[User]] = {}
        for person in people:
            by_name.setdefault(person.name.casefold(), []).append(person)
        chosen, errors = [], []
        for line in lines:
            key = line.casefold()
            sharing = by_name.get(key, [])
            if key in by_label and len(sharing) <= 1:
                chosen.append(by_label[key])
            elif len(sharing) > 1:
                options = "; ".join(labels[person.pk] for person in sharing)
                errors.append(
                    gettext("Several members are called “%(name)s”: write one of %(options)s.")
                    % {"name": line, "options": options}
                )
            else:
                errors.append(gettext("No member here is called “%(name)s”.") % {"name": line})
        if errors:
            raise ValidationError(errors)
        return list(dict.fromkeys(chosen))


class PersonByNameField(PeopleByNameField):
    """Choose one person from a large queryset of users by typing their name (or a label that
    tells them apart from others of the same name), as `PeopleByNameField` chooses several;
    empty is nobody (None)."""

    widget = forms.TextInput

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, User):
            value = [value]
        elif isinstance(value, int):  # the user's id, as ModelChoiceField would keep it
            value = list(self.queryset.filter(pk=value))
        return super().prepare_value(value)

    def clean(self, value: Any) -> User | None:  # type: ignore[override]
        people = super().clean(value)
        if len(people) > 1:
            raise ValidationError(gettext("Name one person here."))
        return people[0] if people else None


def _any_of(names: Iterable[str], *, then: str = "$") -> str:
    """A case-insensitive regular expression matching exactly one of `names` (followed by
    `then`), for a single query where Django has no `iexact__in`."""
    return "^(" + "|".join(re.escape(name) for name in sorted(names)) + ")" + then

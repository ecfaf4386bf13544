"""People pickers that tell apart people who share a name, without showing anyone's email address.

A picker lists people by the name others see (`User.name`). Where two or more in the same list
share it, each is told apart by when they joined ("Sam Patel, joined March 2025"), and where even
that is shared, by the day and their member number. Nothing here shows an email address, a
postcode or a group the person picking may not see.
"""

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from groundwork.members.models import User


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
            labels[person.pk] = _("%(name)s, joined %(month)s") % {
                "name": name,
                "month": _joined(person, "F Y"),
            }
        else:
            labels[person.pk] = _("%(name)s, joined %(day)s, member no. %(number)s") % {
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

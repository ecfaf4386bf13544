"""Helpers for pages about a scope: a group, or the whole alliance (None)."""

from django.utils.translation import gettext as _

from groundwork.core.errors import ActionError


def add_action_error(form, error: ActionError) -> None:
    """Show a refused action next to its field, or above the form."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


def scope_name(group) -> str:
    return group.name if group is not None else _("the alliance")

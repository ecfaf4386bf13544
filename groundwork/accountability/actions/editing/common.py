"""What the editing actions share: the refusal when the acting person may not, and values the
audit log can keep."""

from datetime import date
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from groundwork.core.audit import values_of
from groundwork.core.errors import ActionError
from groundwork.members.models import User


def require(user: User, rule: str, target: models.Model, message: str | None = None) -> None:
    """Refuse unless `user` passes `rule` on `target`."""
    if not user.has_perm(rule, target):
        raise ActionError(message or _("You may not change this."))


def snapshot(instance: models.Model, fields: tuple[str, ...]) -> dict[str, Any]:
    """The fields' values as the audit log keeps them (dates as ISO text)."""
    return {
        name: value.isoformat() if isinstance(value, date) else value
        for name, value in values_of(instance, fields).items()
    }

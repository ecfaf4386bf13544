"""What the editing actions share: the refusal when the acting person may not, and values the
audit log can keep."""

from datetime import date
from typing import Any

from django.db import models
from django.db.models import QuerySet
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


def lock[M: models.Model](queryset: QuerySet[M], pk: int) -> M | None:
    """The row, locked until the transaction ends (its own row only: PostgreSQL locks no
    nullable side of a join); None when it was removed meanwhile."""
    return queryset.select_for_update(of=("self",)).filter(pk=pk).first()


def lock_to_change[M: models.Model](queryset: QuerySet[M], pk: int) -> M:
    """The row, locked; refused when someone removed it meanwhile."""
    found = lock(queryset, pk)
    if found is None:
        raise ActionError(_("Someone has removed it meanwhile."))
    return found

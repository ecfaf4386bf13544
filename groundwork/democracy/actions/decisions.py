"""Writing a decision taken without a ballot into the decision log (ballots write theirs as they
close, in closing.py)."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from groundwork.core.audit import record
from groundwork.core.text import fit_to_field
from groundwork.democracy.models import Decision
from groundwork.groups.hooks import group_page_changed
from groundwork.groups.models import Group
from groundwork.members.models import User


@transaction.atomic
def do_log_decision(
    *,
    group: Group | None,
    summary: str,
    link: str,
    acting_user: User | None,
    decided_at: datetime | None = None,
) -> Decision:
    """Log a decision of the group (the alliance when `group` is None) that its rules make without
    a ballot, such as an appointment or a recall petition reaching its threshold; `link` is the
    path where it is recorded in full."""
    decision = Decision.objects.create(
        group=group,
        summary=fit_to_field(Decision, "summary", summary),
        link=fit_to_field(Decision, "link", link),
        decided_at=decided_at or timezone.now(),
    )
    group_page_changed(decision.group_id)  # its recent decisions
    record(
        actor=acting_user,
        verb="decision.logged",
        target=decision,
        group_id=group.pk if group else None,
        new={"summary": decision.summary, "link": decision.link},
    )
    return decision

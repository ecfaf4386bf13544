"""A conference's programme: adding and removing its sessions (talks, panels, workshops)."""

from typing import Any

from django.db import transaction

from groundwork.core.audit import record
from groundwork.events.hooks import event_page_changed
from groundwork.events.models import Event, Session
from groundwork.members.models import User


@transaction.atomic
def do_add_session(event: Event, *, values: dict[str, Any], acting_user: User) -> Session:
    """Add a session (talk, panel, workshop) to a conference's programme."""
    session = Session.objects.create(event=event, **values)
    event_page_changed(event.pk)  # the programme
    record(
        actor=acting_user,
        verb="session.added",
        target=session,
        group_id=event.group_id,
        new={"title": session.title, "track": session.track, "speakers": session.speakers},
    )
    return session


@transaction.atomic
def do_remove_session(session: Session, *, acting_user: User) -> None:
    """Take a session out of a conference's programme."""
    record(
        actor=acting_user,
        verb="session.removed",
        target=session,
        group_id=session.event.group_id,
        old={"title": session.title},
    )
    event_page_changed(session.event_id)  # the programme
    session.delete()

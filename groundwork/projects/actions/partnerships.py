"""Partnerships: how a group or one of its projects works with a partner organisation."""

from datetime import date

from django.db import transaction

from groundwork.core.audit import record
from groundwork.groups.models import Group
from groundwork.members.models import User
from groundwork.projects.models import Partner, Partnership, Project


@transaction.atomic
def do_add_partnership(
    group: Group,
    *,
    partner_name: str,
    partner_kind: str,
    website: str = "",
    project: Project | None,
    kind: str,
    description: str = "",
    since: date | None,
    acting_user: User,
) -> Partnership:
    """Record how the group (or one of its projects) works with a partner organisation; the
    partner is found by name, or added to the alliance's list of partners."""
    partner = Partner.objects.filter(name__iexact=partner_name.strip()).first()
    if partner is None:
        partner = Partner.objects.create(
            name=partner_name.strip(), kind=partner_kind, website=website
        )
    partnership = Partnership.objects.create(
        partner=partner,
        group=group,
        project=project,
        kind=kind,
        description=description,
        since=since,
    )
    record(
        actor=acting_user,
        verb="partnership.added",
        target=partnership,
        group_id=group.pk,
        new={
            "partner": partner.name,
            "project": project.pk if project else None,
            "kind": kind,
            "since": since.isoformat() if since else None,
        },
    )
    return partnership

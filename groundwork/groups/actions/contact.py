"""Writing to a group's organisers: the message goes by email, no address is ever shown."""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from groundwork.core.audit import record
from groundwork.core.email import enqueue_templated_email
from groundwork.core.errors import ActionError
from groundwork.core.models import AuditEntry
from groundwork.core.rate_limits import count_attempt
from groundwork.groups.models import Group, Membership
from groundwork.members.models import User

CONTACT_VERB = "group.organisers_contacted"


@dataclass(frozen=True)
class ContactMessage:
    """What a visitor wrote: their name and address (to reply to), the message, and the form's
    one-time token that makes a second submission of the same form harmless."""

    name: str
    email: str
    message: str
    token: str


@transaction.atomic
def check_contact_organisers(
    group: Group, *, contact: ContactMessage, client_key: str, acting_user: User | None
) -> bool:
    """Email `contact` to the group's organisers (Reply-To the sender); True if sent, False if
    this form was already sent. Each attempt counts against GROUNDWORK_CONTACT_LIMIT for
    `client_key`; past it, RateLimited. The audit entry keeps who wrote, never what or from where."""
    count_attempt(
        "groups.contact_organisers",
        client_key=client_key,
        rate=settings.GROUNDWORK_CONTACT_LIMIT,
        refusal=_("Too many messages from you just now. Wait a while and try again."),
    )
    # The group's row serialises submissions of the same form, so a double click sends once.
    Group.objects.select_for_update().filter(pk=group.pk).first()
    already = AuditEntry.objects.filter(
        verb=CONTACT_VERB, group_id=group.pk, new__token=contact.token
    )
    if already.exists():
        return False
    recipients = list(
        Membership.objects.filter(group=group, role=Membership.Role.ORGANISER)
        .order_by("user_id")
        .values_list("user__email", flat=True)
    )
    if not recipients:
        raise ActionError(_("This group has no organiser to write to yet."))
    enqueue_templated_email(
        to=recipients,
        template="groups/email/contact",
        context={"group": group, "contact": contact, "site_url": settings.SITE_URL},
        reply_to=[contact.email],
    )
    record(
        actor=acting_user,
        verb=CONTACT_VERB,
        target=group,
        group_id=group.pk,
        new={"token": contact.token, "recipients": len(recipients)},
    )
    return True

"""How the notifications app connects to the members' hooks: the member's home page, and a
member's data download and erasure."""

import re
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.dispatch import receiver
from django.utils.translation import gettext as _

from groundwork.core.hooks import RetentionRule, add_retention_rule
from groundwork.members.hooks import (
    add_home_section,
    add_personal_data_exporter,
    member_erased,
    member_home_changed,
)
from groundwork.notifications import queries
from groundwork.notifications.context_processors import remember_unread_count
from groundwork.notifications.models import (
    Digest,
    EmailOptOut,
    Notification,
    NotificationPreference,
)

# The home page shows at most this many unread notifications; the notifications page has them all.
HOME_NOTIFICATIONS = 5


@add_home_section(order=10)
def unread_notifications(request):
    """The member's newest unread notifications, and for the bell how many are unread (one
    query, which spares the bell its own)."""
    newest, unread = queries.newest_unread_of(request.user, HOME_NOTIFICATIONS)
    remember_unread_count(request, unread)
    return "notifications/_home_unread.html", {"notifications": newest}


@add_personal_data_exporter
def notifications_personal_data(user) -> dict[str, list[dict]]:
    """The member's notifications, how they chose to hear of each kind, the digests sent to
    them, and the kinds of email their address stopped."""
    return {
        "notifications": [
            {
                "text": n.text,
                "link": n.url,
                "created_at": n.created_at.isoformat(),
                "read_at": n.read_at.isoformat() if n.read_at else None,
            }
            for n in Notification.objects.filter(user=user)
        ],
        "notification_preferences": [
            {"kind": p.get_kind_display(), "delivery": p.get_delivery_display()}
            for p in NotificationPreference.objects.filter(user=user)
        ],
        "digests": [
            {"period": d.period, "covers": d.covers.isoformat(), "listed": d.sent_count}
            for d in Digest.objects.filter(user=user)
        ],
        "email_opt_outs": [
            {"kind": o.get_kind_display(), "since": o.created_at.isoformat()}
            for o in EmailOptOut.objects.filter(address__iexact=user.email)
        ],
    }


@receiver(member_erased, dispatch_uid="notifications_member_erased")
def forget_erased_member(sender, user, **kwargs) -> None:
    """The member's notifications and their address's opt-outs go; other people's
    notifications that named them ("Sam asked to join") name "a former member" instead."""
    Notification.objects.filter(user=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    Digest.objects.filter(user=user).delete()
    EmailOptOut.objects.filter(address__iexact=user.email).delete()
    names = [name for name in (user.display_name, user.email) if len(name) >= 3]
    if not names:
        return
    mentions = Q()
    for name in names:
        mentions |= Q(text__icontains=name)
    for notification in Notification.objects.filter(mentions):
        for name in names:
            notification.text = _replace(notification.text, name, _("a former member"))
        notification.save(update_fields=["text"])
        member_home_changed(notification.user_id)  # the text of their unread notifications


def _replace(text: str, old: str, new: str) -> str:
    """`text` with every `old` (any case) replaced by `new`."""
    return re.sub(re.escape(old), new, text, flags=re.IGNORECASE)


# --- Retention (core.hooks.retention_rules) ---------------------------------------------------


def _forget_old_notifications(now) -> int:
    cutoff = now - timedelta(days=settings.GROUNDWORK_NOTIFICATION_DAYS)
    old = Notification.objects.filter(created_at__lt=cutoff)
    # Their unread notifications, on the home page of those who had left them unread.
    member_home_changed(*old.filter(read_at=None).values_list("user_id", flat=True).distinct())
    return old.delete()[0]


add_retention_rule(
    RetentionRule(
        "Notifications in the app",
        "GROUNDWORK_NOTIFICATION_DAYS (365) days after they were sent",
        _forget_old_notifications,
    )
)

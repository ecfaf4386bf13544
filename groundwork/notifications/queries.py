from django.db.models import QuerySet

from groundwork.notifications.models import EmailSuppression, Notification


def notifications_of(user) -> QuerySet[Notification]:
    """The member's own notifications, newest first."""
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(user=user)


def unread_count_of(user) -> int:
    """How many of the member's notifications are unread (0 for a visitor)."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at=None).count()


def suppressed_addresses(addresses: list[str]) -> set[str]:
    """Which of the addresses (lower-cased) bounced for good or complained."""
    lowered = [address.lower() for address in addresses]
    return set(
        EmailSuppression.objects.filter(address__in=lowered).values_list("address", flat=True)
    )

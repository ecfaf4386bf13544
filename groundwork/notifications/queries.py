from collections.abc import Iterable, Sequence

from django.db.models import Count, QuerySet, Window

from groundwork.notifications.models import (
    DEFAULT_DELIVERY,
    Delivery,
    EmailSuppression,
    Notification,
    NotificationKind,
    NotificationPreference,
)


def notifications_of(user) -> QuerySet[Notification]:
    """The member's own notifications, newest first."""
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(user=user)


# Where groups.rules leaves the unread count it reads with the roles, on the user object of the
# request (one round trip for the navigation of every signed-in page).
UNREAD_ON_USER = "_groundwork_unread_notifications"


def forget_unread_count(user) -> None:
    """Drop the count read with the roles, after this request changed it (marked some read)."""
    user.__dict__.pop(UNREAD_ON_USER, None)


def unread_count_of(user) -> int:
    """How many of the member's notifications are unread (0 for a visitor)."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at=None).count()


def newest_unread_of(user, limit: int) -> tuple[Sequence[Notification], int]:
    """The member's `limit` newest unread notifications and how many are unread in all, in one
    query: the count rides on each row (a window over every unread row, taken before the limit)."""
    if not user.is_authenticated:
        return [], 0
    unread = (
        Notification.objects.filter(user=user, read_at=None)
        .only("text", "url", "created_at")
        .annotate(unread_in_all=Window(Count("id")))
        .order_by("-created_at", "-id")
    )
    newest = list(unread[:limit])
    count: int = newest[0].unread_in_all if newest else 0
    return newest, count


def deliveries_of(user_ids: Iterable[int], kind: str) -> dict[int, str]:
    """How each of the members hears of `kind`: their preference, or the default (one query)."""
    user_ids = list(user_ids)
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=user_ids, kind=kind).values_list(
            "user_id", "delivery"
        )
    )
    default = DEFAULT_DELIVERY.get(kind, Delivery.DAILY)
    return {user_id: chosen.get(user_id, default) for user_id in user_ids}


def preferences_of(user) -> dict[str, str]:
    """The member's delivery for every kind of notification, defaults filled in (one query)."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: chosen.get(kind, DEFAULT_DELIVERY[kind]) for kind in NotificationKind.values}


def members_awaiting_digest(period: str) -> list[int]:
    """The members who have notifications waiting for their `period` digest."""
    return list(
        Notification.objects.filter(digest_due=period)
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()
    )


def awaiting_digest(user_id: int, period: str) -> QuerySet[Notification]:
    """The member's notifications waiting for their `period` digest, oldest first."""
    return Notification.objects.filter(user_id=user_id, digest_due=period).order_by(
        "created_at", "id"
    )


def suppressed_addresses(addresses: list[str]) -> set[str]:
    """Which of the addresses (lower-cased) bounced for good or complained."""
    lowered = [address.lower() for address in addresses]
    return set(
        EmailSuppression.objects.filter(address__in=lowered).values_list("address", flat=True)
    )

from django.db.models import QuerySet

from groundwork.notifications.models import Notification


def notifications_of(user) -> QuerySet[Notification]:
    """The member's own notifications, newest first."""
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(user=user)

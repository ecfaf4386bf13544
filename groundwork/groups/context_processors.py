from django.utils.functional import SimpleLazyObject

from groundwork.groups.rules import is_coordinator, roles_of
from groundwork.notifications.context_processors import bell_count


def roles(request):
    """The navigation's facts about the signed-in person, asked of the database only if a template
    reads them: `is_coordinator`, and `unread_notifications` for the bell, both from the one
    query that loads the person's roles (groups.rules)."""

    def unread_notifications() -> int:
        roles_of(request.user)  # loads the unread count with the roles, if not loaded yet
        return bell_count(request)

    return {
        "is_coordinator": SimpleLazyObject(lambda: is_coordinator(request.user)),
        "unread_notifications": unread_notifications,
    }

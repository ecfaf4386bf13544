from django.utils.functional import SimpleLazyObject

from groundwork.groups.rules import is_coordinator


def roles(request):
    """`is_coordinator` for the navigation, asked of the database only if a template reads it."""
    return {"is_coordinator": SimpleLazyObject(lambda: is_coordinator(request.user))}

"""Predicates about a member's own account (django-rules), used by the apps to the right."""

import rules
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings

from groundwork.core.access import is_two_factor_assumed


def remember_two_factor(user, *, authenticators: int) -> None:
    """Keep on the user object, for the request, whether they have two-factor authentication,
    from the count of their authenticators (of any kind, as allauth's `is_mfa_enabled` asks)
    read in a query of another's: groups.rules.ROLES_SQL reads it with their roles."""
    user._groundwork_two_factor = authenticators > 0


@rules.predicate
def has_two_factor(user) -> bool:
    """The member has two-factor authentication (always true if the requirement is off, and
    within `core.access.two_factor_assumed`, where the access layer asks what it alone would open)."""
    if not user.is_authenticated:
        return False
    if not settings.GROUNDWORK_REQUIRE_TWO_FACTOR or is_two_factor_assumed():
        return True
    if not hasattr(user, "_groundwork_two_factor"):
        user._groundwork_two_factor = is_mfa_enabled(user)
    return user._groundwork_two_factor

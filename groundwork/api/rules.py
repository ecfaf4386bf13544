"""Who may do what in the API app.

`api.manage_webhooks`: a group's webhook endpoints (adding, changing, turning off, testing, and
their delivery log) are its organisers' alone; coordinators do not see them (a group's tools and
the addresses they listen on are its own).

`api.create_token`, `api.create_write_token`, `api.revoke_token`: personal access tokens.

Anyone signed in may create a token to read what they may read. A token that writes lets a
script act as its owner: an organiser or coordinator (someone whose account acts for a group or
the alliance) needs two-factor authentication to create one, as they do to act on the site.
What a token then reaches is decided, request by request, by the other apps' rules.
"""

import rules

from groundwork.groups.rules import holds_organising_role, is_coordinator, organises_group, roles_of
from groundwork.members.rules import has_two_factor

rules.add_perm("api.manage_webhooks", organises_group)


@rules.predicate
def holds_any_organising_role(user) -> bool:
    """Organiser of some group, or a coordinator of the alliance (two-factor aside)."""
    if not user.is_authenticated:
        return False
    return is_coordinator(user) or any(holds_organising_role(user, pk) for pk in roles_of(user))


@rules.predicate
def owns_token(user, token) -> bool:
    return token is not None and user.is_authenticated and token.owner_id == user.pk


@rules.predicate
def two_factor_if_organising(user) -> bool:
    return not holds_any_organising_role(user) or has_two_factor(user)


rules.add_perm("api.create_token", rules.is_authenticated)
rules.add_perm("api.create_write_token", rules.is_authenticated & two_factor_if_organising)
rules.add_perm("api.revoke_token", owns_token)

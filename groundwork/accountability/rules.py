"""Who may write policies, link them to the platform, and record statements (django-rules).

Everything the register, the voting record and the scorecards hold is public (what parliaments
and councils publish, and what organisers record from public sources with a link), so reading
needs no rule. Writing does: organisers of a group write policies for their group, coordinators
for the alliance; coordinators link the platform's objectives to policies; organisers and
coordinators record statements and council decisions. Each needs two-factor authentication.
The list twin of "which groups may I write for" is `queries.groups_to_write_for(user)`."""

import rules

from groundwork.groups.models import Membership
from groundwork.groups.rules import coordinates_alliance, is_coordinator, roles_of
from groundwork.members.rules import has_two_factor

ORGANISER = Membership.Role.ORGANISER


@rules.predicate
def organises_a_group(user) -> bool:
    """Organiser of at least one group (two-factor is asked separately)."""
    return ORGANISER in roles_of(user).values()


writes_for_a_group_or_the_alliance = (organises_a_group | is_coordinator) & has_two_factor

rules.add_perm("accountability.add_policy", writes_for_a_group_or_the_alliance)
rules.add_perm("accountability.link_policy", coordinates_alliance)
rules.add_perm("accountability.add_statement", writes_for_a_group_or_the_alliance)

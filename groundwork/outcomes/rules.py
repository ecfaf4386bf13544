"""Who may see and do what in the outcomes app (django-rules), one block per part of the app.

Areas, indicators and their figures are public (official statistics, as published), so reading
them needs no rule.
"""

import rules

from groundwork.groups.models import Group
from groundwork.groups.rules import coordinates_alliance, organises_group
from groundwork.outcomes.models import Target

# --- targets ------------------------------------------------------------------------------
# A group's targets are its public aims, as its page is: whoever may see the group sees its
# targets and their progress (asked through groups.see_group, so a group that one day hides its
# page hides its targets too). Its organisers, with two-factor, set, change and delete them and
# choose the areas the group works in. Not "change_target" or "view_target": the admin asks
# "<app>.<verb>_<model>" of every backend.


@rules.predicate
def sees_group(user, group: Group) -> bool:
    return user.has_perm("groups.see_group", group)


@rules.predicate
def organises_target_group(user, target: Target) -> bool:
    return organises_group(user, target.group)


rules.add_perm("outcomes.see_targets", sees_group)
rules.add_perm("outcomes.set_target", organises_group)
rules.add_perm("outcomes.revise_target", organises_target_group)
rules.add_perm("outcomes.choose_group_areas", organises_group)

# --- importing ----------------------------------------------------------------------------
# Files of statistics are uploaded, dry-run and applied by the alliance's coordinators (with
# two-factor); operators use the commands.
rules.add_perm("outcomes.import_indicators", coordinates_alliance)

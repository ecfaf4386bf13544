"""Who may see and do what in the outcomes app (django-rules).

Areas, indicators and their figures are public (official statistics, as published), so reading
them needs no rule.
"""

import rules

from groundwork.groups.rules import coordinates_alliance

# importing: files of statistics are uploaded, dry-run and applied by the alliance's
# coordinators (with two-factor); operators use the commands.
rules.add_perm("outcomes.import_indicators", coordinates_alliance)

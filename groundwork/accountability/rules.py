"""Who may do what in the accountability app (django-rules). The register's pages are public."""

import rules

from groundwork.groups.rules import coordinates_alliance

# The register
rules.add_perm("accountability.import_representatives", coordinates_alliance)

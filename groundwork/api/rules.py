"""Who may do what in the API app.

`api.manage_webhooks`: a group's webhook endpoints (adding, changing, turning off, testing, and
their delivery log) are its organisers' alone; coordinators do not see them (a group's tools and
the addresses they listen on are its own).
"""

import rules

from groundwork.groups.rules import organises_group

rules.add_perm("api.manage_webhooks", organises_group)

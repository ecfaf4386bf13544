"""Named hooks of the groups app, for apps further right to connect to in their reactions.py.

`member_joined` is sent inside the action that made someone a member (joining an open group, an
approved request, an accepted invitation, an organiser appointed), in its transaction. Arguments:
`membership` (Membership), `acting_user` (User, or None for an organiser appointed by the system).

`member_left` is sent inside the action that ended a membership (leaving or removal), in its
transaction, before the membership row is deleted. Arguments: `membership` (Membership),
`acting_user` (User). A receiver undoes what only a member of that group may keep.
"""

from django.dispatch import Signal

member_joined = Signal()
member_left = Signal()

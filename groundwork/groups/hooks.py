"""Named hooks of the groups app, for apps further right to connect to in their reactions.py.

`demo_loaded` is sent once `load_demo` has made the demo alliance, so each app adds its own demo
data. Arguments: `coordinator` (User), `groups` ({name: Group}), `people` ({email: User}).

`scale_generated` is sent once `generate_scale` has made the national-scale dataset, so each app
adds its own rows at scale. Arguments: `group_ids` (list[int]), `user_ids` (list[int]),
`options` (the command's options: e.g. `events`, `signatures`), `progress` (a callable
`progress(label, done, total)` that draws the command's progress bar).

`member_joined` is sent inside the action that made someone a member (joining an open group, an
approved request, an accepted invitation, an organiser appointed), in its transaction. Arguments:
`membership` (Membership), `acting_user` (User).

`member_left` is sent inside the action that ended a membership (leaving or removal), in its
transaction, before the membership row is deleted. Arguments: `membership` (Membership),
`acting_user` (User). A receiver undoes what only a member of that group may keep.
"""

from django.dispatch import Signal

demo_loaded = Signal()
scale_generated = Signal()
member_joined = Signal()
member_left = Signal()

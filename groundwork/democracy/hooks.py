"""Named hooks of the democracy app, for apps further right to connect to in their reactions.py.

`ballot_closed` is sent inside the action that published a ballot's result (a roll call at its
deadline, a secret ballot once its box was opened and counted), in its transaction, after the
result and the decision were written. Arguments: `ballot` (Ballot, status CLOSED, `result` set),
`decision` (Decision). A receiver applies what the result decides elsewhere (a candidate takes
office, a recalled holder leaves it); it must be safe to run once per ballot, which is how often
the hook is sent.

`tellers_ready` is sent inside the action that left every teller of a body's panel holding a
teller key, when they did not all hold one before (the last of them took theirs; those without one
were removed), in its transaction, under the lock on the panel. Arguments: `group` (Group, or
None for the alliance's tellers), `acting_user` (User: the teller who took their key, the
organiser who appointed). A receiver opens what waited for the tellers (a recall ballot that
could not open by itself); it must be safe to run again.
"""

from django.dispatch import Signal

ballot_closed = Signal()
tellers_ready = Signal()

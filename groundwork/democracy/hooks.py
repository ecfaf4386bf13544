"""Named hooks of the democracy app, for apps further right to connect to in their reactions.py.

`ballot_closed` is sent inside the action that published a ballot's result (a roll call at its
deadline, a secret ballot once its box was opened and counted), in its transaction, after the
result and the decision were written. Arguments: `ballot` (Ballot, status CLOSED, `result` set),
`decision` (Decision). A receiver applies what the result decides elsewhere (a candidate takes
office, a recalled holder leaves it); it must be safe to run once per ballot, which is how often
the hook is sent.
"""

from django.dispatch import Signal

ballot_closed = Signal()

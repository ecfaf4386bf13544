"""Every rule that limits a list agrees with its queryset twin in `<app>/queries.py`.

For each member of the cast, and an organiser (olive, of Hillside) and a coordinator (pat) who
have not set up two-factor, with rows of every kind in both groups (and the alliance): where the
rule says no, the query returns nothing although rows exist; where it says yes, it returns every
row there is, not a subset. Each test also states, by hand, who should see what, so that a rule
and a query that are wrong alike cannot agree their way past it. test_every_twin.py holds the list
of twins, so that a new list-limiting query cannot go unchecked.
"""

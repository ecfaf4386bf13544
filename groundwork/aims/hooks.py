"""Named hooks of the aims app, for apps further right to connect to in their reactions.py.

`rollup_sources`: the alliance's roll-up of each objective counts what other apps link to it
(events, campaigns, projects…). Each such app registers a function
`source(objective_ids) -> {objective_id: {label: count}}` with `add_rollup_source`; the function
must answer in a fixed number of queries (one, usually) whatever the number of groups.
"""

from collections.abc import Callable, Iterable

RollupSource = Callable[[Iterable[int]], dict[int, dict[str, int]]]
rollup_sources: list[RollupSource] = []


def add_rollup_source(source: RollupSource) -> RollupSource:
    """Register a source of roll-up counts (once, however often it is imported)."""
    if source not in rollup_sources:
        rollup_sources.append(source)
    return source

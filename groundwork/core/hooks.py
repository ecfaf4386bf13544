"""Named hooks of the core app, for apps further right to register with.

`address_suppressors`: functions `(addresses) -> set of lower-cased addresses` that must get no
email except account security (bounced for good, or complained of spam). The notifications app
registers its suppression list from its AppConfig; `core.tasks.send_email` asks each of them just
before sending, so an address suppressed after an email was queued still gets nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

AddressSuppressor = Callable[[list[str]], set[str]]
address_suppressors: list[AddressSuppressor] = []


def add_address_suppressor(suppressor: AddressSuppressor) -> AddressSuppressor:
    """Register a suppressor (once, however often it is registered)."""
    if suppressor not in address_suppressors:
        address_suppressors.append(suppressor)
    return suppressor


# `retention_rules`: each kind of personal data that is kept for a while and then deleted or
# anonymised has one rule, registered by the app that holds it (from its `reactions.py`, or core's
# own below). `core.tasks.apply_retention` runs every rule once a day (`manage.py apply_retention`
# enqueues it from cron or a systemd timer); a rule's `purge(now)` deletes or anonymises what is
# past its period and returns how many rows it changed. Running it twice changes nothing more.
# docs/retention.md is the same list as a table, and a test checks the two agree.


@dataclass(frozen=True)
class RetentionRule:
    """One kind of personal data, how long it is kept, and the function that enforces it."""

    kind: str
    period: str
    purge: Callable[[datetime], int]


retention_rules: list[RetentionRule] = []


def add_retention_rule(rule: RetentionRule) -> RetentionRule:
    """Register a rule (once per kind, however often it is registered)."""
    if rule.kind not in {known.kind for known in retention_rules}:
        retention_rules.append(rule)
    return rule

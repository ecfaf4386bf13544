"""Named hooks of the core app, for apps further right to register with.

`address_suppressors`: functions `(addresses) -> set of lower-cased addresses` that must get no
email except account security (bounced for good, or complained of spam). The notifications app
registers its suppression list from its AppConfig; `core.tasks.send_email` asks each of them just
before sending, so an address suppressed after an email was queued still gets nothing.
"""

from collections.abc import Callable

AddressSuppressor = Callable[[list[str]], set[str]]
address_suppressors: list[AddressSuppressor] = []


def add_address_suppressor(suppressor: AddressSuppressor) -> AddressSuppressor:
    """Register a suppressor (once, however often it is registered)."""
    if suppressor not in address_suppressors:
        address_suppressors.append(suppressor)
    return suppressor

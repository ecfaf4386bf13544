"""Named hooks of the members app, for apps further right to connect to (see STYLE.md).

`home_sections`: each app that has something for a member's home page registers a function
`section(request) -> (template name, context) | None` with `add_home_section`, from its
`reactions.py`. The home page shows the sections in the order the apps are installed.
"""

from collections.abc import Callable
from typing import Any

from django.dispatch import Signal
from django.http import HttpRequest

HomeSection = Callable[[HttpRequest], tuple[str, dict[str, Any]] | None]
home_sections: list[HomeSection] = []


def add_home_section(section: HomeSection) -> HomeSection:
    """Register a section of the member's home page (once, however often it is imported)."""
    if section not in home_sections:
        home_sections.append(section)
    return section


# --- Data rights (UK GDPR articles 15, 17 and 20) ---------------------------------------------
#
# `personal_data_exporters`: each app that holds something about a member registers a function
# `exporter(user) -> {section name: [row, ...]}` with `add_personal_data_exporter`, from its
# `reactions.py`. A row is a flat dict of plain values (str, int, bool, None; dates as ISO text);
# each section becomes `<section>.json` and `<section>.csv` in the member's download. An exporter
# returns only what is about `user` and never anything that names someone else, and asks a
# fixed number of queries. A secret ballot's exporter says that the member took part, never how.
#
# `member_erased` is sent inside `members.actions.rights.check_erase_member`, in its transaction,
# while the user still has their name and email (so a receiver can find rows keyed by them).
# Arguments: `user` (User). A receiver deletes what is only about the member (answers, places,
# consents), and strips their name, email and postcode from what the group keeps (a signature
# still counts, a vote still stands, a proposal is shown as by "a former member"). The user row
# itself stays, renamed, so every foreign key to it keeps its meaning without naming anyone.

PersonalDataExporter = Callable[[Any], dict[str, list[dict[str, Any]]]]
personal_data_exporters: list[PersonalDataExporter] = []

member_erased = Signal()


def add_personal_data_exporter(exporter: PersonalDataExporter) -> PersonalDataExporter:
    """Register an app's part of a member's data download (once, however often imported)."""
    if exporter not in personal_data_exporters:
        personal_data_exporters.append(exporter)
    return exporter

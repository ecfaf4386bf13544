"""Named hooks of the members app, for apps further right to connect to (see STYLE.md).

`home_sections`: each app that has something for a member's home page registers a function
`section(request) -> (template name, context) | None` with `add_home_section`, from its
`reactions.py`. The home page shows the sections in the order the apps are installed.
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

HomeSection = Callable[[HttpRequest], tuple[str, dict[str, Any]] | None]
home_sections: list[HomeSection] = []


def add_home_section(section: HomeSection) -> HomeSection:
    """Register a section of the member's home page (once, however often it is imported)."""
    if section not in home_sections:
        home_sections.append(section)
    return section

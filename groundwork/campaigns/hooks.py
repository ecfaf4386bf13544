"""Named hooks of the campaigns app, for apps further right to connect to (see STYLE.md).

`campaign_sections`: each app that has something to show on a campaign's page registers a
function `section(request, campaign) -> (template name, context) | None` with
`add_campaign_section`, from its `reactions.py`. The page shows the sections after "Who we are
asking", in the order the apps are installed. A section asks a fixed number of queries.
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

CampaignSection = Callable[[HttpRequest, Any], tuple[str, dict[str, Any]] | None]
campaign_sections: list[CampaignSection] = []


def add_campaign_section(section: CampaignSection) -> CampaignSection:
    """Register a section of a campaign's page (once, however often it is imported)."""
    if section not in campaign_sections:
        campaign_sections.append(section)
    return section

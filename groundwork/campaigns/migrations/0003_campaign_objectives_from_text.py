"""Step 2 of 3: each line of a campaign's free-text objectives that names an objective of the
platform (by its title, or its number as in "2" or "2. Street protests…") becomes a link; any
other line is kept at the end of the campaign's description, so no words are lost."""

import re

from django.db import migrations

NUMBERED = re.compile(r"^\s*(?:objective\s*)?(\d+)\b[.):]?\s*(.*)$", re.IGNORECASE)


def _matching(line: str, by_title: dict, by_number: dict):
    numbered = NUMBERED.match(line)
    if numbered and int(numbered.group(1)) in by_number:
        objective = by_number[int(numbered.group(1))]
        rest = numbered.group(2).strip().casefold()
        if not rest or rest == objective.title.casefold():
            return objective
    return by_title.get(line.casefold())


def split_objectives(text: str, objectives) -> tuple[list, list[str]]:
    """The objectives `text` names (one per line), and its lines that name none."""
    by_title = {objective.title.strip().casefold(): objective for objective in objectives}
    by_number = {objective.number: objective for objective in objectives}
    linked: list = []
    unmatched: list[str] = []
    for line in (line.strip() for line in text.splitlines()):
        if line:
            objective = _matching(line, by_title, by_number)
            (linked if objective else unmatched).append(objective or line)
    return linked, unmatched


def description_keeping(description: str, unmatched: list[str]) -> str:
    """The description with the lines that named no objective added at its end."""
    if not unmatched:
        return description
    kept = "\n".join(f"- {line}" for line in unmatched)
    return f"{description.rstrip()}\n\n**Working towards:**\n\n{kept}".lstrip()


def link_objectives(apps, schema_editor) -> None:
    Campaign = apps.get_model("campaigns", "Campaign")
    objectives = list(apps.get_model("aims", "Objective").objects.all())
    for campaign in Campaign.objects.exclude(objectives_text="").iterator():
        linked, unmatched = split_objectives(campaign.objectives_text, objectives)
        campaign.objectives.add(*linked)
        if unmatched:
            campaign.description = description_keeping(campaign.description, unmatched)
            campaign.save(update_fields=["description"])


def unlink_objectives(apps, schema_editor) -> None:
    Campaign = apps.get_model("campaigns", "Campaign")
    for campaign in Campaign.objects.prefetch_related("objectives"):
        titles = [f"{o.number}. {o.title}" for o in campaign.objectives.order_by("number")]
        campaign.objectives_text = "\n".join(titles)
        campaign.save(update_fields=["objectives_text"])


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0002_campaign_objectives")]

    operations = [migrations.RunPython(link_objectives, unlink_objectives)]

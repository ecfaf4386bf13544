"""The demo's outcomes: the demo groups' local authorities as areas, each group linked to its
own, official figures for them (children in low-income families, life satisfaction, healthy
life expectancy, the English indices of deprivation) and two groups' targets.

Every row comes from the small sample in `demo/data/outcomes/` (cut from the published files;
see SOURCES.md there), read by the same code as `import_areas` and `import_indicator`, so the
demo runs the real importer and needs no other files. The Riverside Action Group's target is
set from the 2020/21 figures, before the export's 2021/22 column is imported, as if DWP's next
release came after it: its page shows progress from a real figure.
"""

import hashlib
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from groundwork.aims.models import Objective
from groundwork.groups.models import Group
from groundwork.members.models import User
from groundwork.outcomes import actions
from groundwork.outcomes.actions.area_files import read_area_files
from groundwork.outcomes.models import Area, Indicator, IndicatorImport
from groundwork.outcomes.parsing import detect
from groundwork.outcomes.parsing.records import ParsedFile

DATA = Path(__file__).resolve().parents[1] / "data" / "outcomes"
CHILD_POVERTY = (
    DATA / "child_poverty" / "dwp_statxplore_children_relative_low_income_ltla_14-22.csv"
)
# The export's newest year (provisional): left out of the release the Riverside target is set on.
NEWEST_YEAR = "2021/22"
OTHER_FILES = [
    DATA / "ons_subnational" / "Life satisfaction-Table 1.csv",
    DATA / "ons_subnational" / "Female HLE-Table 1.csv",
    DATA / "imd" / "English IMD - Local Authorities.csv",
]
# Objective 2: against cuts and austerity; objective 1: groups that help their own.
AGAINST_AUSTERITY, SELF_HELP = 2, 1


def load_demo_outcomes(*, coordinator: User, groups: dict[str, Group], people: dict) -> None:
    """Import the areas and link the groups to them, import the figures, and set targets."""
    actions.do_import_areas(read_area_files([DATA / "areas"]), acting_user=coordinator)
    actions.do_link_group_areas(acting_user=coordinator, groups=groups.values())
    parsed = _parse(CHILD_POVERTY)
    earlier = [o for o in parsed.observations if o.period != NEWEST_YEAR]
    _import(
        CHILD_POVERTY,
        ParsedFile(parsed.format, parsed.indicators, earlier, list(parsed.skipped)),
        coordinator,
    )
    _riverside_target(groups["Riverside Action Group"], people["alice@example.org"])
    _import(CHILD_POVERTY, parsed, coordinator)
    for path in OTHER_FILES:
        _import(path, _parse(path), coordinator)
    _manchester_target(groups["Manchester Action Group"], people["grace@example.org"])


def _parse(path: Path) -> ParsedFile:
    text = detect.decode(path.read_bytes())
    format = detect.detect_format(detect.head(text), path.name)
    assert format is not None, path
    return detect.parse(text, format, path.name)


def _import(path: Path, parsed: ParsedFile, coordinator: User) -> None:
    """One import run, recorded as `import_indicator` records it."""
    release = IndicatorImport.objects.create(
        file_name=path.name,
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        format=parsed.format,
        status=IndicatorImport.Status.RUNNING,
        started_by=coordinator,
    )
    actions.check_import_indicator(parsed, release=release, acting_user=coordinator, dry_run=False)
    release.status = IndicatorImport.Status.DONE
    release.finished_at = timezone.now()
    release.save()


def _riverside_target(group: Group, organiser: User) -> None:
    """Southwark's children in low-income families down 10% by 2028/29, against austerity."""
    actions.check_set_target(
        group,
        acting_user=organiser,
        area=Area.objects.get(gss_code=group.ons_code),
        indicator=Indicator.objects.get(slug="children-in-relative-low-income-families"),
        objective=Objective.objects.get(number=AGAINST_AUSTERITY),
        by_period="2028/29",
        change_percent=Decimal(-10),
        note="Free school meals for every child, and the food share every Saturday.",
    )


def _manchester_target(group: Group, organiser: User) -> None:
    """Manchester's average life satisfaction up to 7.5 by 2027/28, through self-help."""
    actions.check_set_target(
        group,
        acting_user=organiser,
        area=Area.objects.get(gss_code=group.ons_code),
        indicator=Indicator.objects.get(slug="life-satisfaction"),
        objective=Objective.objects.get(number=SELF_HELP),
        by_period="2027/28",
        target_value=Decimal("7.5"),
        note="A group in every ward, and nobody left alone.",
    )

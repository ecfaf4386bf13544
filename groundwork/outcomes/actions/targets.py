"""Setting, changing and deleting a group's targets, and choosing the areas it works in. Each
checks the acting person organises the group, writes one audit entry with the group's id, and
changes nothing when refused; the same form sent twice sets one target."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from groundwork.aims.hooks import rollup_changed
from groundwork.aims.models import Objective
from groundwork.core.audit import changes, record
from groundwork.core.errors import ActionError
from groundwork.groups.hooks import group_page_changed
from groundwork.groups.models import Group
from groundwork.members.models import User
from groundwork.outcomes import queries
from groundwork.outcomes.metrics import aims_the_better_way, period_end, target_from_change
from groundwork.outcomes.models import Area, GroupArea, Indicator, Target

# The field keeps eight decimal places: a target worked out from a percentage is rounded there.
PLACES = Decimal("1e-8")
AUDITED: tuple[str, ...] = ("area", "indicator", "objective", "baseline_period")
AUDITED += ("baseline_value", "target_value", "by_period", "note")


@dataclass(frozen=True)
class Aim:
    """What a target aims at, checked: the period and its last day, and the figure to reach."""

    by_period: str
    by_date: date
    target_value: Decimal


def _check_aim(
    *,
    indicator: Indicator,
    baseline_value: Decimal,
    baseline_period: str,
    baseline_end: date,
    by_period: str,
    target_value: Decimal | None,
    change_percent: Decimal | None,
) -> Aim:
    """Refuse a period that is not after the baseline's, and a target that does not move the
    figure the better way; work out the figure from a change in per cent."""
    by_period = by_period.strip()
    by_date = period_end(by_period)
    if by_date is None:
        raise ActionError(
            _("Write the period as a financial year (2028/29) or a calendar year (2028)."),
            field="by_period",
        )
    if by_date <= baseline_end:
        raise ActionError(
            _("The period must come after the latest figure's, %(period)s.")
            % {"period": baseline_period},
            field="by_period",
        )
    if (target_value is None) == (change_percent is None):
        raise ActionError(
            _("Give either a change in per cent or a figure to reach."), field="change_percent"
        )
    field = "target_value"
    if change_percent is not None:
        field = "change_percent"
        if change_percent < -100:
            raise ActionError(_("A fall cannot be more than 100%."), field=field)
        target_value = target_from_change(baseline_value, change_percent)
    assert target_value is not None
    target_value = target_value.quantize(PLACES)
    if not aims_the_better_way(
        better=indicator.better, baseline=baseline_value, target=target_value
    ):
        raise ActionError(_better_way_message(indicator, baseline_value, target_value), field=field)
    return Aim(by_period, by_date, target_value)


def _better_way_message(indicator: Indicator, baseline: Decimal, target: Decimal) -> str:
    figure = {"figure": f"{baseline.normalize():f}"}
    if target == baseline:
        return _("The target must differ from the latest figure, %(figure)s.") % figure
    if indicator.better == Indicator.Better.LOWER:
        return _("Lower is better here: aim below the latest figure, %(figure)s.") % figure
    return _("Higher is better here: aim above the latest figure, %(figure)s.") % figure


def _audited(target: Target) -> dict:
    values = {}
    for name in AUDITED:
        value = getattr(target, name)
        values[name] = value.pk if hasattr(value, "pk") else value
        if isinstance(value, Decimal):
            values[name] = f"{value.normalize():f}"
    return values


def check_set_target(
    group: Group,
    *,
    acting_user: User,
    area: Area,
    indicator: Indicator,
    objective: Objective,
    by_period: str,
    target_value: Decimal | None = None,
    change_percent: Decimal | None = None,
    note: str = "",
) -> Target:
    """Set a target for the group from the latest published figure (its baseline), towards an
    objective of the platform; the same target sent twice is the one already set."""
    if not acting_user.has_perm("outcomes.set_target", group):
        raise ActionError(_("Only the group's organisers may set its targets."), field="area")
    if area not in queries.areas_of(group):
        raise ActionError(_("Choose one of the areas the group works in."), field="area")
    baseline = queries.latest_published(indicator, area)
    if baseline is None:
        raise ActionError(
            _("No figure is published for %(indicator)s in %(area)s yet: nothing to measure from.")
            % {"indicator": indicator.name, "area": area.name},
            field="indicator",
        )
    assert baseline.value is not None
    aim = _check_aim(
        indicator=indicator,
        baseline_value=baseline.value,
        baseline_period=baseline.period,
        baseline_end=baseline.period_end,
        by_period=by_period,
        target_value=target_value,
        change_percent=change_percent,
    )
    same: dict[str, Any] = dict(group=group, area=area, indicator=indicator, objective=objective)
    same |= dict(by_period=aim.by_period, target_value=aim.target_value)
    with transaction.atomic():
        # Locks the group's row, so that two copies of the form sent at once set one target.
        Group.objects.select_for_update().get(pk=group.pk)
        existing = Target.objects.filter(**same).first()
        if existing is not None:
            return existing
        target = Target.objects.create(
            **same,
            baseline_period=baseline.period,
            baseline_value=baseline.value,
            by_date=aim.by_date,
            note=note.strip(),
            set_by=acting_user,
        )
        rollup_changed()  # what the alliance's roll-up counts may have changed
        group_page_changed(group.pk)  # its targets
        record(
            actor=acting_user,
            verb="target.set",
            target=target,
            group_id=group.pk,
            new=_audited(target),
        )
    return target


def check_update_target(
    target: Target,
    *,
    acting_user: User,
    objective: Objective,
    by_period: str,
    target_value: Decimal | None = None,
    change_percent: Decimal | None = None,
    note: str = "",
) -> Target:
    """Change what a target aims at (from the same baseline; a change in per cent counts from
    it), its objective or its note; nothing changed records nothing."""
    if not acting_user.has_perm("outcomes.revise_target", target):
        raise ActionError(_("Only the group's organisers may change its targets."))
    # The baseline's period ends where its figure said (fetched with the target), or as written.
    baseline_end = (
        getattr(target, "baseline_end", None)
        or period_end(target.baseline_period)
        or target.created_at.date()
    )
    aim = _check_aim(
        indicator=target.indicator,
        baseline_value=target.baseline_value,
        baseline_period=target.baseline_period,
        baseline_end=baseline_end,
        by_period=by_period,
        target_value=target_value,
        change_percent=change_percent,
    )
    with transaction.atomic():
        old = _audited(target)
        target.objective = objective
        target.by_period, target.by_date = aim.by_period, aim.by_date
        target.target_value = aim.target_value
        target.note = note.strip()
        before, after = changes(old, _audited(target))
        if not after:
            return target
        target.save()
        rollup_changed()  # what the alliance's roll-up counts may have changed
        group_page_changed(target.group_id)  # its targets
        record(
            actor=acting_user,
            verb="target.changed",
            target=target,
            group_id=target.group_id,
            old=before,
            new=after,
        )
    return target


def check_delete_target(target: Target, *, acting_user: User) -> None:
    """Delete a target; the audit entry keeps what it aimed at."""
    if not acting_user.has_perm("outcomes.revise_target", target):
        raise ActionError(_("Only the group's organisers may delete its targets."))
    with transaction.atomic():
        rollup_changed()  # what the alliance's roll-up counts may have changed
        group_page_changed(target.group_id)  # its targets
        record(
            actor=acting_user,
            verb="target.deleted",
            target=target,
            group_id=target.group_id,
            old=_audited(target),
        )
        target.delete()


def check_choose_group_areas(group: Group, *, areas: list[Area], acting_user: User) -> list[Area]:
    """Say which areas the group works in, among its ONS code's area and that area's wards; an
    area that has targets of the group stays."""
    if not acting_user.has_perm("outcomes.choose_group_areas", group):
        raise ActionError(_("Only the group's organisers may choose its areas."), field="areas")
    if not areas:
        raise ActionError(_("Choose at least one area."), field="areas")
    allowed = set(queries.area_choices_for(group).values_list("pk", flat=True))
    if any(area.pk not in allowed for area in areas):
        raise ActionError(_("Choose among the areas listed."), field="areas")
    chosen = {area.pk for area in areas}
    with transaction.atomic():
        had = set(GroupArea.objects.filter(group=group).values_list("area_id", flat=True))
        kept = (
            Target.objects.filter(group=group)
            .exclude(area_id__in=chosen)
            .select_related("area")
            .first()
        )
        if kept is not None:
            raise ActionError(
                _("The group has targets in %(area)s: delete them before leaving the area out.")
                % {"area": kept.area.name},
                field="areas",
            )
        if had == chosen:
            return sorted(areas, key=lambda area: area.name)
        GroupArea.objects.filter(group=group).exclude(area_id__in=chosen).delete()
        group_page_changed(group.pk)  # its areas
        GroupArea.objects.bulk_create(
            [GroupArea(group=group, area=area) for area in areas if area.pk not in had]
        )
        codes = dict(Area.objects.filter(pk__in=had | chosen).values_list("pk", "gss_code"))
        record(
            actor=acting_user,
            verb="group.areas_chosen",
            target=group,
            group_id=group.pk,
            old={"areas": sorted(codes[pk] for pk in had)},
            new={"areas": sorted(codes[pk] for pk in chosen)},
        )
    return sorted(areas, key=lambda area: area.name)

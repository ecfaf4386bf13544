"""Progress towards a group's target, from plain values (no ORM): how far the latest published
figure has come from the baseline towards the target, and whether that is on track.

The target's direction is the indicator's better direction ("lower" for children in low-income
families); for an indicator where neither direction is better, it is the way the target points
from the baseline. A suppressed latest figure is "no figure", never 0. "On track" means moving at
least at the steady pace that reaches the target by its period: the share of the way covered is
at least the share of the time gone from the baseline's period to the target's.
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum


class Standing(StrEnum):
    """Where a target stands, from worst to best (see RANK)."""

    NO_FIGURE = "no_figure"  # the latest figure is suppressed, or there is none at all
    NO_NEW_FIGURE = "no_new_figure"  # nothing published for a period after the baseline's
    MOVED_AWAY = "moved_away"
    NOT_YET = "not_yet"  # moving the right way, slower than the pace to the target
    ON_TRACK = "on_track"
    MET = "met"


# The order of the standings that come from a figure, for comparing progress.
RANK = {Standing.MOVED_AWAY: 0, Standing.NOT_YET: 1, Standing.ON_TRACK: 2, Standing.MET: 3}


@dataclass(frozen=True)
class Figure:
    """A published figure: `value` is None when it was suppressed."""

    period: str
    value: Decimal | None
    provisional: bool = False
    # The last day of the period, where known: the clock for "on track".
    period_end: date | None = None


@dataclass(frozen=True)
class Progress:
    """How far a target has come: `fraction` of the way (0 at the baseline, 1 at the target,
    negative when the figure moved away), None when there is no figure to measure."""

    standing: Standing
    fraction: Decimal | None
    latest: Figure | None

    @property
    def percent(self) -> int:
        """The share of the way for a progress bar: 0 to 100, 0 without a figure."""
        if self.fraction is None:
            return 0
        return int(round(min(max(self.fraction, Decimal(0)), Decimal(1)) * 100))

    @property
    def provisional(self) -> bool:
        return bool(self.latest and self.latest.provisional)

    @property
    def is_measured(self) -> bool:
        return self.standing in RANK


def direction(*, better: str, baseline: Decimal, target: Decimal) -> str:
    """ "lower" or "higher": the way the target should move the figure."""
    if better in ("lower", "higher"):
        return better
    return "lower" if target < baseline else "higher"


def aims_the_better_way(*, better: str, baseline: Decimal, target: Decimal) -> bool:
    """Whether the target lies beyond the baseline in the better direction (a target equal to
    the baseline, or on the worse side, measures nothing)."""
    if target == baseline:
        return False
    return (target < baseline) == (
        direction(better=better, baseline=baseline, target=target) == "lower"
    )


def share_of_time(*, start: date | None, now: date | None, end: date) -> Decimal | None:
    """The share (0 to 1) of the time from `start` to `end` that has gone by at `now`."""
    if start is None or now is None or end <= start:
        return None
    gone = Decimal((now - start).days) / Decimal((end - start).days)
    return min(max(gone, Decimal(0)), Decimal(1))


def progress(
    *,
    baseline: Decimal,
    baseline_period: str,
    target: Decimal,
    better: str,
    latest: Figure | None,
    baseline_end: date | None = None,
    by_date: date | None = None,
) -> Progress:
    """Progress from the baseline towards the target as of the `latest` figure."""
    if latest is None or latest.value is None:
        return Progress(Standing.NO_FIGURE, None, latest)
    if latest.period == baseline_period:
        return Progress(Standing.NO_NEW_FIGURE, Decimal(0), latest)
    if not aims_the_better_way(better=better, baseline=baseline, target=target):
        raise ValueError("The target must lie beyond the baseline in the better direction.")
    sign = -1 if direction(better=better, baseline=baseline, target=target) == "lower" else 1
    fraction = sign * (latest.value - baseline) / (sign * (target - baseline))
    if fraction >= 1:
        standing = Standing.MET
    elif fraction < 0:
        standing = Standing.MOVED_AWAY
    else:
        pace = (
            share_of_time(start=baseline_end, now=latest.period_end, end=by_date)
            if by_date
            else None
        )
        on_pace = fraction > 0 if pace is None else fraction >= pace and fraction > 0
        standing = Standing.ON_TRACK if on_pace else Standing.NOT_YET
    return Progress(standing, fraction, latest)


def target_from_change(baseline: Decimal, change_percent: Decimal) -> Decimal:
    """The target a change of `change_percent` (-10 for "down 10%") makes of the baseline."""
    return baseline * (1 + change_percent / 100)


def change_percent_of(baseline: Decimal, target: Decimal) -> Decimal | None:
    """The change from baseline to target in per cent (None from a baseline of 0)."""
    if baseline == 0:
        return None
    return (target - baseline) / baseline * 100


_FINANCIAL_YEAR = re.compile(r"^(\d{4})/(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


def period_end(period: str) -> date | None:
    """The last day of a period written "2028/29" (a financial year, to 31 March) or "2028" (a
    calendar year); None for any other writing."""
    period = period.strip()
    if match := _FINANCIAL_YEAR.match(period):
        first = int(match.group(1))
        if (first + 1) % 100 != int(match.group(2)):
            return None
        return date(first + 1, 3, 31)
    if match := _YEAR.match(period):
        return date(int(match.group(1)), 12, 31)
    return None

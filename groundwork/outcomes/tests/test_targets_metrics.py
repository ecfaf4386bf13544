"""Progress towards a target, from plain values: no database (groundwork/outcomes/metrics.py)."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from groundwork.outcomes.metrics import (
    RANK,
    Figure,
    Progress,
    Standing,
    aims_the_better_way,
    change_percent_of,
    period_end,
    progress,
    share_of_time,
    target_from_change,
)

D = Decimal
values = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False)


def children(period: str, value: str | None, *, provisional: bool = False) -> Figure:
    year = int(period[:4])
    end = date(year + 1, 3, 31)
    return Figure(period, None if value is None else D(value), provisional, end)


def lambeth(latest: Figure | None, *, target: str = "9000") -> Progress:
    """Children in low-income families in Lambeth: 10,000 in 2022/23, down to `target` by 2028/29."""
    return progress(
        baseline=D("10000"),
        baseline_period="2022/23",
        target=D(target),
        better="lower",
        latest=latest,
        baseline_end=date(2023, 3, 31),
        by_date=date(2029, 3, 31),
    )


def test_a_fall_of_half_the_way_is_half_the_target():
    result = lambeth(children("2025/26", "9500"))
    assert result.fraction == D("0.5") and result.percent == 50
    assert result.standing == Standing.ON_TRACK  # half the way in half the time


def test_a_small_fall_behind_the_pace_is_not_yet():
    result = lambeth(children("2025/26", "9900"))
    assert result.standing == Standing.NOT_YET and result.percent == 10


def test_reaching_the_target_meets_it_and_going_past_stays_met():
    assert lambeth(children("2024/25", "9000")).standing == Standing.MET
    beyond = lambeth(children("2024/25", "8000"))
    assert beyond.standing == Standing.MET and beyond.fraction == 2 and beyond.percent == 100


def test_a_rise_moves_away_from_a_target_to_lower_it():
    result = lambeth(children("2023/24", "10500"))
    assert result.standing == Standing.MOVED_AWAY and result.fraction == D("-0.5")
    assert result.percent == 0


def test_a_suppressed_latest_figure_is_no_figure_never_zero():
    result = lambeth(children("2023/24", None))
    assert result.standing == Standing.NO_FIGURE
    assert result.fraction is None and result.percent == 0 and not result.is_measured


def test_no_figure_at_all_is_no_figure():
    assert lambeth(None).standing == Standing.NO_FIGURE


def test_only_the_baseline_published_is_no_new_figure():
    result = lambeth(children("2022/23", "10000"))
    assert result.standing == Standing.NO_NEW_FIGURE and result.fraction == 0


def test_a_provisional_latest_figure_says_so():
    assert lambeth(children("2023/24", "9800", provisional=True)).provisional
    assert not lambeth(children("2023/24", "9800")).provisional


def test_a_higher_is_better_indicator_counts_rises():
    result = progress(
        baseline=D("60"),
        baseline_period="2019",
        target=D("66"),
        better="higher",
        latest=Figure("2021", D("63")),
    )
    assert result.fraction == D("0.5") and result.standing == Standing.ON_TRACK


def test_neither_direction_follows_the_way_the_target_points():
    assert aims_the_better_way(better="neither", baseline=D(5), target=D(4))
    assert aims_the_better_way(better="neither", baseline=D(5), target=D(6))
    assert not aims_the_better_way(better="lower", baseline=D(5), target=D(6))
    assert not aims_the_better_way(better="higher", baseline=D(5), target=D(5))


def test_a_target_on_the_worse_side_is_refused():
    with pytest.raises(ValueError):
        lambeth(children("2023/24", "9000"), target="11000")


def test_down_ten_percent_of_ten_thousand_is_nine_thousand():
    assert target_from_change(D("10000"), D("-10")) == D("9000")
    assert change_percent_of(D("10000"), D("9000")) == D("-10")
    assert change_percent_of(D("0"), D("1")) is None


@pytest.mark.parametrize(
    ("period", "end"),
    [("2028/29", date(2029, 3, 31)), ("1999/00", date(2000, 3, 31)), ("2028", date(2028, 12, 31))],
)
def test_periods_end_where_the_statistics_end_them(period, end):
    assert period_end(period) == end


@pytest.mark.parametrize("period", ["2028/30", "28/29", "next year", "", "2028-29"])
def test_other_writings_of_a_period_have_no_end(period):
    assert period_end(period) is None


def test_the_share_of_time_stays_between_nought_and_one():
    start, end = date(2023, 3, 31), date(2029, 3, 31)
    assert share_of_time(start=start, now=date(2040, 1, 1), end=end) == 1
    assert share_of_time(start=start, now=date(2020, 1, 1), end=end) == 0
    assert share_of_time(start=None, now=date(2024, 1, 1), end=end) is None


@given(baseline=values, target=values, first=values, second=values)
def test_moving_the_better_way_never_lowers_progress(baseline, target, first, second):
    """Of two latest figures, the lower (lower is better) never shows less progress."""
    assume(target < baseline)
    better, worse = sorted([first, second])
    results = [lambeth_like(baseline, target, value) for value in (better, worse)]
    assert results[0].fraction >= results[1].fraction
    assert RANK[results[0].standing] >= RANK[results[1].standing]


@given(baseline=values, target=values, latest=values, better=st.sampled_from(["lower", "higher"]))
def test_met_exactly_when_the_fraction_reaches_one(baseline, target, latest, better):
    assume(aims_the_better_way(better=better, baseline=baseline, target=target))
    result = progress(
        baseline=baseline,
        baseline_period="2022/23",
        target=target,
        better=better,
        latest=Figure("2024/25", latest),
    )
    assert result.fraction is not None
    assert (result.standing == Standing.MET) == (result.fraction >= 1)
    assert 0 <= result.percent <= 100


@given(baseline=values, target=values, better=st.sampled_from(["lower", "higher", "neither"]))
def test_a_suppressed_figure_is_never_measured(baseline, target, better):
    result = progress(
        baseline=baseline,
        baseline_period="2022/23",
        target=target,
        better=better,
        latest=Figure("2024/25", None),
    )
    assert result.standing == Standing.NO_FIGURE and result.fraction is None


@given(baseline=values.filter(lambda value: value > 0), change=st.integers(-99, 200))
def test_a_change_in_percent_gives_back_its_percent(baseline, change):
    target = target_from_change(baseline, D(change))
    assert change_percent_of(baseline, target) == pytest.approx(D(change), abs=D("1e-20"))


def lambeth_like(baseline: Decimal, target: Decimal, value: Decimal):
    return progress(
        baseline=baseline,
        baseline_period="2022/23",
        target=target,
        better="lower",
        latest=Figure("2025/26", value, period_end=date(2026, 3, 31)),
        baseline_end=date(2023, 3, 31),
        by_date=date(2029, 3, 31),
    )

"""The charts module, without a database: points in order, gaps for suppressed figures, a scale
from the data, every text escaped, and markup a browser and a screen reader can read."""

import xml.etree.ElementTree as ElementTree
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from groundwork.outcomes.charts import (
    BAR_LABEL,
    HEIGHT,
    TOP,
    Bar,
    Series,
    bar_geometry,
    ranked_bars,
    trend_chart,
    trend_lines,
    value_scale,
)

SVG = "{http://www.w3.org/2000/svg}"
PERIODS = ["2019/20", "2020/21", "2021/22", "2022/23"]

values = st.one_of(
    st.none(), st.decimals(min_value=-1000, max_value=100000, allow_nan=False, places=2)
)


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)


def child(tree: ElementTree.Element, tag: str) -> ElementTree.Element:
    """The first `tag` inside the chart (failing if there is none)."""
    found = tree.find(f"{SVG}{tag}")
    assert found is not None, f"no <{tag}>"
    return found


def test_points_are_placed_left_to_right_in_the_order_of_the_periods():
    _, (line,) = trend_lines(PERIODS, [Series("Lambeth", [1, 2, 3, 4])])
    xs = [marker.x for marker in line.markers]
    assert xs == sorted(xs) and len(set(xs)) == 4
    assert [marker.period for marker in line.markers] == PERIODS


def test_a_suppressed_figure_is_a_gap_in_the_line_never_a_zero():
    _, (line,) = trend_lines(PERIODS, [Series("Lambeth", [Decimal("5"), None, 7, 8])])
    assert [m.period for m in line.markers] == ["2019/20", "2021/22", "2022/23"]
    # The line breaks at the gap: one lone point, then a run of two.
    assert [len(segment) for segment in line.segments] == [1, 2]
    svg = parse(trend_chart(chart_id="c", title="t", description="d", periods=PERIODS,
                            area=Series("Lambeth", [Decimal("5"), None, 7, 8])))  # fmt: skip
    lines = svg.findall(f".//{SVG}polyline")
    assert len(lines) == 1 and len(lines[0].get("points", "").split()) == 2
    assert len(svg.findall(f".//{SVG}circle")) == 3


def test_the_scale_comes_from_the_data_not_from_zero():
    scale = value_scale([Decimal("80.1"), Decimal("82.5")], top=10, bottom=210)
    assert 79 < scale.low < 80.1 and 82.5 < scale.high < 83.5
    assert scale.y(Decimal("82.5")) < scale.y(Decimal("80.1"))  # higher value, higher up


def test_a_flat_series_sits_in_the_middle():
    scale = value_scale([5, 5, None], top=0, bottom=100)
    assert scale.y(5) == pytest.approx(50)


def test_the_area_and_the_national_figure_share_one_scale():
    scale, (area, nation) = trend_lines(
        ["2020", "2021"], [Series("Lambeth", [10, 20]), Series("England", [30, 40])]
    )
    assert area.markers[1].y == pytest.approx(scale.y(20))
    assert nation.markers[0].y < area.markers[1].y  # 30 is drawn above 20


def test_a_series_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError, match="3 values for 4 periods"):
        trend_lines(PERIODS, [Series("Lambeth", [1, 2, 3])])


@given(st.lists(values, min_size=1, max_size=30))
def test_every_present_value_gets_one_marker_inside_the_plot_and_gaps_split_the_line(series):
    periods = [f"p{index}" for index in range(len(series))]
    scale, (line,) = trend_lines(periods, [Series("x", series)])
    present = [value for value in series if value is not None]
    assert [m.value for m in line.markers] == present
    assert all(TOP <= m.y <= HEIGHT for m in line.markers)
    assert sum(len(segment) for segment in line.segments) == len(present)
    # A higher value is never drawn lower.
    ordered = sorted(line.markers, key=lambda m: m.value)
    assert all(a.y >= b.y for a, b in zip(ordered, ordered[1:], strict=False))
    # Segments are runs of consecutive periods.
    for segment in line.segments:
        indices = [periods.index(m.period) for m in segment]
        assert indices == list(range(indices[0], indices[0] + len(indices)))


# Text a person might type (XML cannot hold control characters at all).
typed = st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=40)


@given(typed.filter(bool), typed)
def test_any_title_and_label_are_escaped_into_well_formed_svg(title, label):
    periods = [label or "p", label + "'"]
    svg = trend_chart(
        chart_id='x"<y', title=title, description=title, periods=periods,
        area=Series(label, [1, None]), comparator=Series(title, [None, 2]),
    )  # fmt: skip
    tree = parse(svg)  # raises on any unescaped markup
    assert child(tree, "title").text == title


def test_a_script_in_a_name_stays_text():
    svg = trend_chart(
        chart_id="c", title="<script>alert(1)</script>", description="d", periods=["2020"],
        area=Series("<b>Lambeth</b>", [1]),
    )  # fmt: skip
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "<b>" not in svg


def test_a_chart_is_an_image_labelled_by_its_title_and_description():
    tree = parse(
        trend_chart(
            chart_id="cli",
            title="Child poverty",
            description="Rising since 2019",
            periods=PERIODS,
            area=Series("Lambeth", [1, 2, 3, 4]),
        )  # fmt: skip
    )
    assert tree.get("role") == "img"
    assert tree.get("aria-labelledby") == "cli-title cli-desc"
    assert child(tree, "title").get("id") == "cli-title"
    assert child(tree, "desc").text == "Rising since 2019"
    assert "style" not in ElementTree.tostring(tree, encoding="unicode")  # the CSP forbids it


def test_the_comparator_is_dashed_with_square_markers_so_colour_is_not_the_only_difference():
    tree = parse(
        trend_chart(
            chart_id="c",
            title="t",
            description="d",
            periods=["2020", "2021"],
            area=Series("Lambeth", [1, 2]),
            comparator=Series("England", [3, 4]),
        )  # fmt: skip
    )
    area, nation = tree.findall(f".//{SVG}g[@class='series']")
    assert child(area, "polyline").get("stroke-dasharray") is None
    assert child(nation, "polyline").get("stroke-dasharray")
    assert len(nation.findall(f"{SVG}rect")) == 2 and len(area.findall(f"{SVG}circle")) == 2


def test_ranked_bars_keep_the_order_given_and_scale_to_the_largest():
    drawn = bar_geometry([Bar("A", 10), Bar("B", 5), Bar("C", None)], plot_width=200)
    assert [d.bar.label for d in drawn] == ["A", "B", "C"]
    assert drawn[0].y < drawn[1].y < drawn[2].y
    assert drawn[0].width == pytest.approx(200) and drawn[1].width == pytest.approx(100)
    assert drawn[0].x == BAR_LABEL
    assert drawn[2].width == 0


def test_a_suppressed_bar_is_not_drawn_and_says_suppressed():
    tree = parse(
        ranked_bars(
            chart_id="r",
            title="t",
            description="d",
            suppressed="suppressed",
            bars=[Bar("Lambeth", 10, "10"), Bar("Camden", None)],
        )  # fmt: skip
    )
    assert len(tree.findall(f"{SVG}rect")) == 1
    texts = [text.text for text in tree.findall(f"{SVG}text")]
    assert texts == ["Lambeth", "10", "Camden", "suppressed"]


def test_a_bar_prints_the_value_as_published():
    svg = ranked_bars(
        chart_id="r", title="t", description="d", suppressed="s",
        bars=[Bar("Lambeth", Decimal("25.10"), shown="25.10", highlight=True)],
    )  # fmt: skip
    assert ">25.10<" in svg and 'font-weight="700"' in svg


@given(st.lists(values, min_size=1, max_size=40))
def test_bars_are_as_long_as_their_values_relative_to_each_other(numbers):
    drawn = bar_geometry([Bar(str(i), v) for i, v in enumerate(numbers)], plot_width=300)
    for one in drawn:
        assert one.width >= 0 and BAR_LABEL <= one.x <= BAR_LABEL + 300
    present = [d for d in drawn if d.bar.value is not None]
    by_magnitude = sorted(present, key=lambda d: abs(float(d.bar.value or 0)))
    assert all(
        a.width <= b.width + 1e-9 for a, b in zip(by_magnitude, by_magnitude[1:], strict=False)
    )


def test_a_ranking_of_every_authority_packs_its_rows_tighter():
    few = parse(ranked_bars(chart_id="r", title="t", description="d", suppressed="s",
                            bars=[Bar(str(i), i) for i in range(10)]))  # fmt: skip
    many = parse(ranked_bars(chart_id="r", title="t", description="d", suppressed="s",
                             bars=[Bar(str(i), i) for i in range(400)]))  # fmt: skip
    few_height = float(few.get("viewBox", "").split()[3]) / 10
    many_height = float(many.get("viewBox", "").split()[3]) / 400
    assert many_height < few_height
    # Every figure has its bar; a zero is a sliver (only a suppressed figure has none).
    assert len(many.findall(f".//{SVG}rect")) == 400


def test_a_national_total_is_not_on_the_scale_of_one_areas_count():
    from groundwork.outcomes.charts import same_scale

    # Southwark's children in low-income families against the UK's, as Stat-Xplore gives them.
    assert not same_scale([12920, 12045], [2916226, 3042543])
    # Life satisfaction: a score, on the same scale wherever it is measured.
    assert same_scale([7.17, None], [7.38, 7.45])
    assert same_scale([None], [3042543])  # nothing to compare against: draw what there is

"""Charts people can read: a trend line over periods (an area against its national figure) and
ranked horizontal bars, drawn here as SVG text from plain numbers. Pure: no ORM, no Django.

Why no library: STYLE.md allows no JavaScript build step, so a charting library would mean either
a vendored bundle of someone else's JS (Chart.js, Vega: client-side, nothing to read until it runs,
an extra download, a CSP exception for its inline styles) or a Python plotting stack (matplotlib,
pygal) far heavier than two chart kinds need, whose SVG carries inline styles the CSP forbids and
no control over the accessible names. A small hand-written generator is the right size: two kinds of
chart, presentation attributes only (no inline style), every label escaped here, and every chart
accessible by construction: `role="img"` with a <title> and <desc> it is labelled by. The page puts
a data table beside every chart (for screen readers and for copying), so the chart never carries
information the table lacks.

A missing or suppressed figure is `None`: a trend line breaks there (a gap, never a drop to 0) and a
ranked bar is not drawn, its row saying "suppressed" instead.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

Number = Decimal | float | int

WIDTH = 640
HEIGHT = 300
# Room for the value axis's labels on the left and the periods under the plot.
LEFT, RIGHT, TOP, BOTTOM = 100, 40, 16, 60
BAR_ROW = 24
# Beyond this many bars (a ranking of every authority), rows are packed tighter.
DENSE_AFTER, DENSE_ROW = 40, 14
BAR_LABEL = 220
BAR_VALUE = 110
FONT_SIZE = 15

# Distinguished by more than colour: the area is a solid line with round markers, the comparator
# a dashed line with square markers.
AREA_COLOUR = "#8a1c1c"
COMPARATOR_COLOUR = "#0b4f8a"
INK = "#1b1b1b"
GRID = "#c8c2b6"
HIGHLIGHT = "#8a1c1c"
BAR_COLOUR = "#0b4f8a"


class Svg(str):
    """SVG markup built here with every text escaped: Django templates output it as it is."""

    def __html__(self) -> str:
        return str(self)


@dataclass(frozen=True)
class Series:
    """A named line: one value per period (None where it is missing or suppressed)."""

    name: str
    values: Sequence[Number | None]


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    period: str
    value: Number


@dataclass(frozen=True)
class Line:
    """A series as drawn: runs of consecutive points (split at each gap) and every marker."""

    name: str
    segments: tuple[tuple[Marker, ...], ...]
    markers: tuple[Marker, ...]


@dataclass(frozen=True)
class Scale:
    """Maps values to the vertical pixel range [bottom, top] (SVG y grows downwards)."""

    low: float
    high: float
    top: float
    bottom: float

    def y(self, value: Number) -> float:
        share = (float(value) - self.low) / (self.high - self.low)
        return self.bottom - share * (self.bottom - self.top)

    def ticks(self, count: int = 5) -> list[float]:
        step = (self.high - self.low) / (count - 1)
        return [self.low + step * index for index in range(count)]


def value_scale(values: Sequence[Number | None], top: float, bottom: float) -> Scale:
    """A scale from the lowest to the highest value present, padded a little so no point sits on
    the frame; a flat series is centred."""
    present = [float(value) for value in values if value is not None]
    if not present:
        return Scale(0.0, 1.0, top, bottom)
    low, high = min(present), max(present)
    if low == high:
        spread = abs(low) * 0.1 or 1.0
        return Scale(low - spread, high + spread, top, bottom)
    padding = (high - low) * 0.05
    return Scale(low - padding, high + padding, top, bottom)


def period_positions(count: int, left: float = LEFT, right: float = WIDTH - RIGHT) -> list[float]:
    """Evenly spaced x positions for `count` periods, in order, left to right."""
    if count == 1:
        return [(left + right) / 2]
    step = (right - left) / (count - 1)
    return [left + step * index for index in range(count)]


def trend_lines(
    periods: Sequence[str], series: Sequence[Series], scale: Scale | None = None
) -> tuple[Scale, list[Line]]:
    """The geometry of a trend chart: the scale (from every series' values) and each line."""
    for one in series:
        if len(one.values) != len(periods):
            raise ValueError(
                f"{one.name!r} has {len(one.values)} values for {len(periods)} periods"
            )
    if scale is None:
        every = [value for one in series for value in one.values]
        scale = value_scale(every, TOP, HEIGHT - BOTTOM)
    xs = period_positions(len(periods))
    lines = []
    for one in series:
        segments: list[tuple[Marker, ...]] = []
        run: list[Marker] = []
        markers = []
        for x, period, value in zip(xs, periods, one.values, strict=True):
            if value is None:
                if run:
                    segments.append(tuple(run))
                run = []
                continue
            marker = Marker(x, scale.y(value), period, value)
            run.append(marker)
            markers.append(marker)
        if run:
            segments.append(tuple(run))
        lines.append(Line(one.name, tuple(segments), tuple(markers)))
    return scale, lines


# A comparator whose figures are this many times the area's (or less than its share) is on
# another scale: a total, not a rate.
SCALE_APART = 10


def same_scale(area: Sequence[Number | None], comparator: Sequence[Number | None]) -> bool:
    """Whether a comparator's figures can share the area's value axis and still be read: a rate,
    an average or a score can; a national total against one area's count cannot (the area's line
    would lie flat along the bottom)."""
    own = [abs(float(value)) for value in area if value is not None]
    other = [abs(float(value)) for value in comparator if value is not None]
    if not own or not other:
        return True
    largest, other_largest = max(own), max(other)
    if largest == 0 or other_largest == 0:
        return True
    return 1 / SCALE_APART <= other_largest / largest <= SCALE_APART


def _number(value: float) -> str:
    return f"{value:.1f}"


def _label(value: float) -> str:
    """A value axis label: as few digits as tell the ticks apart."""
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:,.1f}"
    return f"{value:,.2f}"


def _open(chart_id: str, title: str, description: str, width: float, height: float) -> list[str]:
    ident = escape(chart_id)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_number(width)} '
        f'{_number(height)}" role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'font-family="system-ui, sans-serif" font-size="{FONT_SIZE}">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
    ]


def trend_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    periods: Sequence[str],
    area: Series,
    comparator: Series | None = None,
) -> Svg:
    """A line over `periods` for the area (solid, round markers) and, where given, the national
    figure (dashed, square markers), on one scale from both; gaps where a value is None."""
    series = [area] if comparator is None else [area, comparator]
    scale, lines = trend_lines(periods, series)
    parts = _open(chart_id, title, description, WIDTH, HEIGHT)
    parts += _value_axis(scale)
    parts += _period_axis(periods)
    for index, line in enumerate(lines):
        parts += _draw_line(line, comparator=index == 1)
    parts += _legend(lines)
    parts.append("</svg>")
    return Svg("".join(parts))


def _value_axis(scale: Scale) -> list[str]:
    parts = ['<g aria-hidden="true">']
    for tick in scale.ticks():
        y = _number(scale.y(tick))
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}" stroke="{GRID}" '
            'stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y}" text-anchor="end" dominant-baseline="middle" '
            f'fill="{INK}">{escape(_label(tick))}</text>'
        )
    parts.append("</g>")
    return parts


def _period_axis(periods: Sequence[str]) -> list[str]:
    """Every period's label when they fit, else every n-th, first and last always."""
    xs = period_positions(len(periods))
    every = max(1, -(-len(periods) // 8))
    parts = ['<g aria-hidden="true">']
    baseline = HEIGHT - BOTTOM + 18
    for index, (x, period) in enumerate(zip(xs, periods, strict=True)):
        if index % every and index != len(periods) - 1:
            continue
        parts.append(
            f'<text x="{_number(x)}" y="{baseline}" text-anchor="middle" fill="{INK}">'
            f"{escape(period)}</text>"
        )
    parts.append("</g>")
    return parts


def _draw_line(line: Line, *, comparator: bool) -> list[str]:
    colour = COMPARATOR_COLOUR if comparator else AREA_COLOUR
    dash = ' stroke-dasharray="6 4"' if comparator else ""
    parts = [f'<g class="series" data-series="{escape(line.name)}">']
    for segment in line.segments:
        if len(segment) > 1:
            points = " ".join(f"{_number(m.x)},{_number(m.y)}" for m in segment)
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="{colour}" '
                f'stroke-width="2.5"{dash}/>'
            )
    for marker in line.markers:
        x, y = _number(marker.x), _number(marker.y)
        if comparator:
            parts.append(
                f'<rect x="{_number(marker.x - 4)}" y="{_number(marker.y - 4)}" width="8" '
                f'height="8" fill="{colour}"/>'
            )
        else:
            parts.append(f'<circle cx="{x}" cy="{y}" r="4.5" fill="{colour}"/>')
    parts.append("</g>")
    return parts


def _legend(lines: list[Line]) -> list[str]:
    parts = ['<g aria-hidden="true">']
    y = HEIGHT - 12
    x = float(LEFT)
    for index, line in enumerate(lines):
        colour = COMPARATOR_COLOUR if index else AREA_COLOUR
        dash = ' stroke-dasharray="6 4"' if index else ""
        parts.append(
            f'<line x1="{_number(x)}" x2="{_number(x + 28)}" y1="{y}" y2="{y}" '
            f'stroke="{colour}" stroke-width="2.5"{dash}/>'
            f'<text x="{_number(x + 34)}" y="{y}" dominant-baseline="middle" fill="{INK}">'
            f"{escape(line.name)}</text>"
        )
        x += 60 + 9 * len(line.name)
    parts.append("</g>")
    return parts


@dataclass(frozen=True)
class Bar:
    """One ranked row: its label, value (None when suppressed) and whether to pick it out."""

    label: str
    value: Number | None
    shown: str = ""  # the value as published, printed at the bar's end
    highlight: bool = False


@dataclass(frozen=True)
class DrawnBar:
    bar: Bar
    y: float
    x: float
    width: float


def bar_geometry(bars: Sequence[Bar], plot_width: float, row: float = BAR_ROW) -> list[DrawnBar]:
    """Bars in the order given, from a zero line (or from the lowest value, if below zero) to
    their value, scaled so the largest magnitude fills `plot_width`."""
    present = [float(bar.value) for bar in bars if bar.value is not None]
    low = min([0.0, *present])
    high = max([0.0, *present])
    span = (high - low) or 1.0
    zero = BAR_LABEL + (0.0 - low) / span * plot_width
    drawn = []
    for index, bar in enumerate(bars):
        y = TOP + index * row
        if bar.value is None:
            drawn.append(DrawnBar(bar, y, zero, 0.0))
            continue
        end = BAR_LABEL + (float(bar.value) - low) / span * plot_width
        drawn.append(DrawnBar(bar, y, min(zero, end), abs(end - zero)))
    return drawn


def ranked_bars(
    *, chart_id: str, title: str, description: str, bars: Sequence[Bar], suppressed: str
) -> Svg:
    """Horizontal bars, one row per bar in the order given (the caller ranks them), the
    highlighted ones darker and bold; a suppressed value has no bar and says `suppressed`."""
    plot_width = WIDTH - BAR_LABEL - BAR_VALUE
    row = BAR_ROW if len(bars) <= DENSE_AFTER else DENSE_ROW
    height = TOP * 2 + max(1, len(bars)) * row
    parts = _open(chart_id, title, description, WIDTH, height)
    if row != BAR_ROW:
        parts.append('<g font-size="11">')
    for drawn in bar_geometry(bars, plot_width, row):
        bar = drawn.bar
        middle = _number(drawn.y + row / 2)
        weight = ' font-weight="700"' if bar.highlight else ""
        colour = HIGHLIGHT if bar.highlight else BAR_COLOUR
        parts.append(
            f'<text x="{BAR_LABEL - 6}" y="{middle}" text-anchor="end" '
            f'dominant-baseline="middle" fill="{INK}"{weight}>{escape(_clip(bar.label))}</text>'
        )
        if bar.value is None:
            text = suppressed
        else:
            text = bar.shown or _label(float(bar.value))
            parts.append(
                f'<rect x="{_number(drawn.x)}" y="{_number(drawn.y + row * 0.15)}" '
                f'width="{_number(max(drawn.width, 1.0))}" height="{_number(row * 0.7)}" '
                f'fill="{colour}"/>'
            )
        parts.append(
            f'<text x="{_number(drawn.x + drawn.width + 4)}" y="{middle}" '
            f'dominant-baseline="middle" fill="{INK}"{weight}>{escape(text)}</text>'
        )
    if row != BAR_ROW:
        parts.append("</g>")
    parts.append("</svg>")
    return Svg("".join(parts))


def _clip(label: str, longest: int = 26) -> str:
    """A label short enough for the chart's margin (the table beside it has it whole)."""
    return label if len(label) <= longest else label[: longest - 1] + "…"

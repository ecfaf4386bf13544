"""A map of the groups that needs no tiles and no JavaScript: each group a dot at its point on a
rough outline of Great Britain and Northern Ireland, drawn here as SVG text. Pure: no ORM.

Why hand-written: there is no tile server to fetch from (the platform must work offline and a
third-party map would tell it who looks at which group), and a few hundred lines of a mapping
library would draw one projection and two shapes. The projection is equirectangular with the
longitude scaled by the cosine of the middle latitude: at the scale of a page, Great Britain keeps
its familiar shape. Each dot is a link with the group's name as its accessible name; the page keeps
the list of groups beside the map as its text alternative.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

# The frame: every UK group falls inside it (Scilly to Shetland, Fermanagh to Lowestoft).
WEST, EAST, SOUTH, NORTH = -8.3, 2.0, 49.8, 60.9
MIDDLE_LATITUDE = math.radians((SOUTH + NORTH) / 2)
HEIGHT = 600
WIDTH = round(HEIGHT * (EAST - WEST) * math.cos(MIDDLE_LATITUDE) / (NORTH - SOUTH))
DOT_RADIUS = 5
LAND = "#e8e2d4"
COAST = "#8c8577"
DOT = "#8a1c1c"

# Rough coastlines, (longitude, latitude), clockwise from Cape Wrath: enough to see where a dot
# is, not to navigate by. Drawn from memory of the Ordnance Survey's outline, in public domain
# coordinates of headlands and towns.
GREAT_BRITAIN = [
    (-5.00, 58.62), (-3.37, 58.67), (-3.03, 58.64), (-3.09, 58.44), (-3.65, 58.12),
    (-4.00, 57.87), (-4.22, 57.50), (-3.28, 57.72), (-2.00, 57.69), (-1.78, 57.50),
    (-2.08, 57.15), (-2.46, 56.71), (-2.97, 56.46), (-2.58, 56.28), (-3.19, 56.02),
    (-2.52, 56.00), (-2.00, 55.77), (-1.43, 55.00), (-1.20, 54.69), (-0.61, 54.49),
    (-0.08, 54.12), (0.11, 53.58), (0.34, 53.14), (0.20, 52.85), (0.50, 52.95),
    (1.30, 52.93), (1.76, 52.48), (1.35, 51.96), (1.15, 51.79), (0.72, 51.54),
    (1.38, 51.39), (1.33, 51.13), (0.97, 50.91), (0.25, 50.73), (-0.14, 50.82),
    (-0.79, 50.73), (-1.09, 50.78), (-1.88, 50.71), (-2.45, 50.52), (-3.40, 50.61),
    (-3.64, 50.22), (-4.14, 50.36), (-5.20, 49.96), (-5.71, 50.07), (-5.48, 50.21),
    (-5.08, 50.42), (-4.53, 51.02), (-3.47, 51.21), (-2.98, 51.35), (-2.70, 51.50),
    (-2.67, 51.64), (-3.17, 51.45), (-3.94, 51.60), (-4.33, 51.57), (-4.70, 51.67),
    (-5.30, 51.88), (-4.98, 52.00), (-4.08, 52.41), (-4.05, 52.72), (-4.77, 52.80),
    (-4.30, 53.14), (-4.60, 53.40), (-3.83, 53.33), (-3.00, 53.42), (-3.01, 53.65),
    (-3.05, 53.82), (-2.90, 54.07), (-3.23, 54.11), (-3.64, 54.49), (-3.50, 54.72),
    (-3.10, 54.95), (-3.60, 54.88), (-4.86, 54.64), (-5.16, 54.99), (-4.63, 55.46),
    (-4.90, 55.90), (-5.80, 55.30), (-5.47, 56.41), (-6.22, 56.73), (-5.83, 57.00),
    (-5.70, 57.28), (-5.70, 57.73), (-5.16, 57.90), (-5.24, 58.15),
]  # fmt: skip
NORTHERN_IRELAND = [
    (-5.80, 54.85), (-6.15, 55.22), (-6.65, 55.20), (-7.30, 55.05), (-7.45, 54.83),
    (-8.10, 54.48), (-7.60, 54.15), (-6.35, 54.10), (-6.00, 54.05), (-5.50, 54.35),
    (-5.70, 54.65),
]  # fmt: skip


class Svg(str):
    """SVG markup built here with every text escaped: Django templates output it as it is."""

    def __html__(self) -> str:
        return str(self)


@dataclass(frozen=True)
class MapPoint:
    """A group to draw: its name (the dot's accessible name), its page and its point."""

    name: str
    url: str
    latitude: float
    longitude: float


def project(latitude: float, longitude: float) -> tuple[float, float]:
    """The point's place in the picture, (x, y) in pixels from the top left."""
    x = (longitude - WEST) / (EAST - WEST) * WIDTH
    y = (NORTH - latitude) / (NORTH - SOUTH) * HEIGHT
    return round(x, 1), round(y, 1)


def _outline(coast: list[tuple[float, float]]) -> str:
    points = " ".join(
        "{},{}".format(*project(latitude, longitude)) for longitude, latitude in coast
    )
    return f'<polygon points="{points}" fill="{LAND}" stroke="{COAST}" stroke-width="1"/>'


LAND_SHAPES = _outline(GREAT_BRITAIN) + _outline(NORTHERN_IRELAND)


def is_on_the_map(latitude: float, longitude: float) -> bool:
    return SOUTH <= latitude <= NORTH and WEST <= longitude <= EAST


def draw_map(points: Sequence[MapPoint], *, title: str, description: str) -> Svg:
    """The map as SVG: the land, then a linked dot per point inside the frame (others are left
    out: the list beside the map still names them)."""
    dots = []
    for point in points:
        if not is_on_the_map(point.latitude, point.longitude):
            continue
        x, y = project(point.latitude, point.longitude)
        name = escape(point.name)
        # Lean markup: a national map has thousands of dots; their paint is set once, on <g>.
        dots.append(
            f'<a href="{escape(point.url)}" aria-label="{name}"><circle cx="{x}" cy="{y}" r="{DOT_RADIUS}"/></a>'
        )
    return Svg(
        f'<svg class="group-map" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="group" aria-labelledby="group-map-title group-map-desc" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="group-map-title">{escape(title)}</title>'
        f'<desc id="group-map-desc">{escape(description)}</desc>'
        f'{LAND_SHAPES}<g fill="{DOT}" stroke="#ffffff" stroke-width="1.5">'
        f"{''.join(dots)}</g></svg>"
    )

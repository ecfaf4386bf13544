"""Distances on the Earth's surface, and the nearest places to a point: pure, no ORM."""

import math
from collections.abc import Iterable

EARTH_RADIUS_KM = 6371.0088


def haversine_km(
    latitude_a: float, longitude_a: float, latitude_b: float, longitude_b: float
) -> float:
    """The great-circle distance between two points given in degrees, in kilometres."""
    phi_a, phi_b = math.radians(latitude_a), math.radians(latitude_b)
    delta_phi = phi_b - phi_a
    delta_lambda = math.radians(longitude_b - longitude_a)
    h = (
        math.sin(delta_phi / 2) ** 2
        + math.cos(phi_a) * math.cos(phi_b) * math.sin(delta_lambda / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def nearest(
    origin: tuple[float, float], places: Iterable[tuple[int, float, float]], *, limit: int
) -> list[tuple[int, float]]:
    """The `limit` nearest keys to `origin` as (key, km), nearest first; a key with several points
    (a group's own point and its districts) counts at its nearest."""
    best: dict[int, float] = {}
    for key, latitude, longitude in places:
        km = haversine_km(origin[0], origin[1], latitude, longitude)
        if key not in best or km < best[key]:
            best[key] = km
    return sorted(best.items(), key=lambda item: (item[1], item[0]))[:limit]

"""The demo's postcode district centres: those of its imported postcodes (through the real
`load_district_centroids` query and action), and a few districts no demo group covers, so that a
search there shows the nearest groups and the way to ask for one."""

from decimal import Decimal

from groundwork.accountability.queries import district_centroids
from groundwork.groups.actions import do_load_district_centroids
from groundwork.members.models import User

# Approximate centres, placed by hand for the demo (not taken from any directory).
UNCOVERED = {
    "SE22": (Decimal("51.45300"), Decimal("-0.07000")),  # East Dulwich
    "SE5": (Decimal("51.47400"), Decimal("-0.09100")),  # Camberwell
    "N1": (Decimal("51.53800"), Decimal("-0.09900")),  # Islington
    "S10": (Decimal("53.37700"), Decimal("-1.51200")),  # Sheffield, Crookes
    "M20": (Decimal("53.42600"), Decimal("-2.23300")),  # Manchester, Didsbury
    "TR1": (Decimal("50.26300"), Decimal("-5.05100")),  # Truro: far from every demo group
}


def load_demo_districts(*, coordinator: User) -> None:
    """District centres from the demo's postcodes, then the uncovered ones."""
    do_load_district_centroids(
        district_centroids(), source="demo ONSPD sample", acting_user=coordinator
    )
    do_load_district_centroids(
        UNCOVERED, source="demo: approximate, placed by hand", acting_user=coordinator
    )

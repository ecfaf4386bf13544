"""The centres of postcode districts, which tell a known district and how far groups are."""

from decimal import Decimal

from django.db import transaction

from groundwork.core.audit import record
from groundwork.groups.models import DistrictCentroid
from groundwork.groups.queries import GROUPS_MAP
from groundwork.members.hooks import landing_changed
from groundwork.members.models import User


@transaction.atomic
def do_load_district_centroids(
    centroids: dict[str, tuple[Decimal, Decimal]], *, source: str, acting_user: User | None
) -> int:
    """Add or update the centre of each district given (others are kept); returns how many."""
    rows = [
        DistrictCentroid(
            district=district,
            latitude=round(Decimal(latitude), 5),
            longitude=round(Decimal(longitude), 5),
            source=source,
        )
        for district, (latitude, longitude) in sorted(centroids.items())
    ]
    DistrictCentroid.objects.bulk_create(
        rows,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["district"],
        update_fields=["latitude", "longitude", "source"],
    )
    if rows:
        GROUPS_MAP.invalidate()  # a group without its own point is drawn at its district's
        landing_changed()  # the map and the groups' names on the first page
        record(
            actor=acting_user,
            verb="district_centroids.loaded",
            target=DistrictCentroid.objects.get(district=rows[0].district),
            new={"districts": len(rows), "source": source},
        )
    return len(rows)

"""Petition signatures at national scale for benchmarks: a campaign and petition in each of the
first few groups, and the signatures asked for over them, by bulk insert (made-up emails at
example.net)."""

import random
from collections.abc import Callable
from datetime import timedelta

from django.db.models import Count
from django.utils import timezone

from groundwork.campaigns.models import Campaign, Petition, Signature, Target
from groundwork.groups.models import PostcodeDistrict

CHUNK = 5000


def add_scale_signatures(
    *, group_ids: list[int], signatures: int, seed: int, progress: Callable[[str, int, int], None]
) -> None:
    """`signatures` verified signatures over a campaign and petition in each of the first few
    groups (at most 20)."""
    total = int(signatures or 0)
    if not total or not group_ids:
        return
    rng = random.Random(seed)
    petitions = []
    for group_id in group_ids[: max(1, min(20, len(group_ids)))]:
        campaign = Campaign.objects.create(
            group_id=group_id,
            title="Save our library",
            summary="Keep the local library open and staffed.",
            demands="Keep the library open",
            status=Campaign.Status.ACTIVE,
        )
        target = Target.objects.create(
            campaign=campaign, name="The council", email="council@example.net"
        )
        petitions.append(
            Petition.objects.create(
                campaign=campaign,
                title="Keep our library open",
                statement="Keep it open.",
                target=target,
            )
        )
    districts = list(
        PostcodeDistrict.objects.values_list("district", flat=True).distinct()[:2000]
    ) or ["SE15"]
    now = timezone.now()
    done = 0
    while done < total:
        size = min(CHUNK, total - done)
        Signature.objects.bulk_create(
            (
                Signature(
                    petition=petitions[number % len(petitions)],
                    name=f"Signer {number}",
                    email=f"signer{number}@example.net",
                    postcode_district=rng.choice(districts),
                    verified_at=now - timedelta(minutes=number % 50_000),
                    email_sent_at=now,
                )
                for number in range(done, done + size)
            ),
            batch_size=CHUNK,
        )
        done += size
        progress("signatures", done, total)
    counts = (
        Signature.objects.filter(petition__in=petitions).values("petition").annotate(n=Count("id"))
    )
    for row in counts:
        Petition.objects.filter(pk=row["petition"]).update(signature_count=row["n"])

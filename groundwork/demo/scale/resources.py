"""The shared library at national scale for benchmarks: resources of every kind over the groups
and the alliance, in each scope, tagged, and indexed for search as the action indexes them."""

import random
from collections.abc import Callable

from groundwork.resources.actions import do_index_for_search
from groundwork.resources.models import Resource, Tag

CHUNK = 2000
TAGS = [
    "housing", "council budget", "austerity", "food bank", "tenants", "cuts", "public health",
    "co-operatives", "trade unions", "benefits", "energy", "transport", "libraries", "youth",
    "childcare", "disability", "leaflets", "training", "economics", "local elections",
]  # fmt: skip
SUBJECTS = [
    "Running a tenants' meeting", "Reading the council's budget", "Setting up a food bank",
    "Writing to your councillor", "Starting a workers' co-operative", "Stewarding a march",
    "Making a leaflet that gets read", "Explaining austerity in ten minutes", "Door-knocking",
    "Holding a public meeting", "Fighting a library closure", "Energy bills advice session",
]  # fmt: skip
BODY = (
    "## Why\n\nWhat worked for us, and what we would do differently.\n\n"
    "## How\n\n1. Book the room early.\n2. Ask people one by one.\n3. Keep the notes public.\n"
)


def add_scale_resources(
    *, group_ids: list[int], resources: int, seed: int, progress: Callable[[str, int, int], None]
) -> None:
    """`resources` resources: a tenth the alliance's own, the rest over the groups; a third
    public, a third for the alliance, a third for the group only; two or three tags each."""
    total = int(resources or 0)
    if not total or not group_ids:
        return
    rng = random.Random(seed)
    tags = [Tag.objects.get_or_create(name=name)[0] for name in TAGS]
    kinds, scopes = list(Resource.Kind.values), list(Resource.Scope.values)
    Through = Resource.tags.through
    done = 0
    while done < total:
        size = min(CHUNK, total - done)
        made = []
        for number in range(done, done + size):
            chosen = rng.sample(tags, rng.choice((2, 3)))
            alliance = number % 10 == 0
            resource = Resource(
                group_id=None if alliance else rng.choice(group_ids),
                kind=rng.choice(kinds),
                scope=Resource.Scope.ALLIANCE if alliance else scopes[number % 3],
                title=f"{rng.choice(SUBJECTS)} ({number})",
                summary="A guide from one group to the others, tried in practice.",
                body=BODY,
                tag_names=", ".join(tag.name for tag in chosen),
            )
            made.append((resource, chosen))
        Resource.objects.bulk_create([resource for resource, _ in made])
        Through.objects.bulk_create(
            Through(resource_id=resource.pk, tag_id=tag.pk)
            for resource, chosen in made
            for tag in chosen
        )
        do_index_for_search([resource.pk for resource, _ in made])
        done += size
        progress("library", size, total)

"""python manage.py load_district_centroids

Derives the centre of every postcode district from the imported ONS Postcode Directory (the mean
point of its live postcodes) and writes it to the groups app's table, which the group directory
uses to tell a known district and to find the nearest groups. The command lives here because
groups sits left of accountability and may not read its postcodes."""

from django.core.management.base import BaseCommand

from groundwork.accountability import queries
from groundwork.groups.actions import do_load_district_centroids

SOURCE = "ONS Postcode Directory (OGL), mean of live postcodes"


class Command(BaseCommand):
    help = "Derive postcode district centres from the imported ONS Postcode Directory."

    def handle(self, *args, **options) -> None:
        centroids = queries.district_centroids()
        count = do_load_district_centroids(centroids, source=SOURCE, acting_user=None)
        self.stdout.write(f"{count} postcode districts")

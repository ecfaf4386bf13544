"""Rows of the permission matrix: the register of public representatives, their voting records,
policies and scorecards (public pages), and the forms organisers and coordinators write with."""

from tests.permissions.cells import COORDINATOR, LOGIN, PUBLIC, Row

# Organisers of any group and coordinators, with two-factor authentication.
ORGANISERS_AND_COORDINATORS = (LOGIN, 404, 404, 404, 200, 200)

ROWS: dict[str, Row] = {
    "accountability:representatives": Row(PUBLIC),
    "accountability:representative": Row(PUBLIC, kwargs=lambda w: {"pk": w.register["person"].pk}),
    "accountability:body": Row(PUBLIC, kwargs=lambda w: {"slug": w.register["body"].slug}),
    "accountability:policies": Row(PUBLIC),
    "accountability:policy": Row(PUBLIC, kwargs=lambda w: {"pk": w.register["policy"].pk}),
    "accountability:scorecard": Row(
        PUBLIC,
        kwargs=lambda w: {"pk": w.register["person"].pk, "policy_pk": w.register["policy"].pk},
    ),
    "accountability:policy_create": Row(ORGANISERS_AND_COORDINATORS),
    "accountability:policy_objectives": Row(
        COORDINATOR, kwargs=lambda w: {"pk": w.register["policy"].pk}
    ),
    "accountability:statement_create": Row(
        ORGANISERS_AND_COORDINATORS, kwargs=lambda w: {"pk": w.register["person"].pk}
    ),
}

"""Groups: the directory and one group, as on the pages; the member list for its organisers."""

from ninja import Router

router = Router(tags=["groups"])

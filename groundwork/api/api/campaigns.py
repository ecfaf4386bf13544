"""Campaigns, petitions and signatures, as on the pages; signing through the petition's action."""

from ninja import Router

router = Router(tags=["campaigns"])

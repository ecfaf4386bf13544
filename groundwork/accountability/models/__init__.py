"""The accountability app's models, one module per subject, re-exported here."""

from groundwork.accountability.models.postcodes import Postcode
from groundwork.accountability.models.representatives import (
    Area,
    Body,
    ContactDetail,
    Identifier,
    Membership,
    Person,
    Source,
)

__all__ = [
    "Area",
    "Body",
    "ContactDetail",
    "Identifier",
    "Membership",
    "Person",
    "Postcode",
    "Source",
]

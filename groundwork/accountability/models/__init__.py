"""The accountability app's models, one module per subject, re-exported here."""

from groundwork.accountability.models.representatives import (
    Area,
    Body,
    ContactDetail,
    Identifier,
    Membership,
    Person,
    Source,
)
from groundwork.accountability.models.votes import (
    Division,
    ObjectivePolicy,
    Policy,
    PolicyDivision,
    Statement,
    Vote,
)

__all__ = [
    "Area",
    "Body",
    "ContactDetail",
    "Division",
    "Identifier",
    "Membership",
    "ObjectivePolicy",
    "Person",
    "Policy",
    "PolicyDivision",
    "Source",
    "Statement",
    "Vote",
]

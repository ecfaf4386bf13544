"""The accountability app's models, one module per subject, re-exported here."""

from groundwork.accountability.models.imports import RegisterImport
from groundwork.accountability.models.pledges import Pledge, PledgeAnswer
from groundwork.accountability.models.positions import (
    AccountabilitySettings,
    Candidate,
    Election,
    Mandate,
    Meeting,
    Position,
    RecallPetition,
    RecallSignature,
    ReportBack,
    Term,
)
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
from groundwork.accountability.models.votes import (
    Division,
    ObjectivePolicy,
    Policy,
    PolicyDivision,
    Statement,
    Vote,
)

__all__ = [
    "Pledge",
    "PledgeAnswer",
    "Division",
    "ObjectivePolicy",
    "Policy",
    "PolicyDivision",
    "Statement",
    "Vote",
    "AccountabilitySettings",
    "Area",
    "Body",
    "Candidate",
    "ContactDetail",
    "Election",
    "Identifier",
    "Mandate",
    "Meeting",
    "Membership",
    "Person",
    "Position",
    "Postcode",
    "RecallPetition",
    "RecallSignature",
    "RegisterImport",
    "ReportBack",
    "Source",
    "Term",
]

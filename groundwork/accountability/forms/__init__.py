"""Forms of the accountability pages, one module per subject, re-exported here; they parse and
validate input, the actions decide."""

from groundwork.accountability.forms.editing import (
    PolicyEditForm,
    StatementEditForm,
    division_lines_text,
)
from groundwork.accountability.forms.pledges import PledgeAnswerForm, PledgeForm
from groundwork.accountability.forms.policies import (
    ALLIANCE,
    LINE,
    ObjectiveLinkForm,
    OnBehalfOf,
    PolicyForm,
    StatementForm,
    parse_division_lines,
)
from groundwork.accountability.forms.positions import (
    AccountabilitySettingsForm,
    AppointForm,
    CandidatesField,
    DateInput,
    ElectionForm,
    EndTermForm,
    MandateForm,
    MeetingForm,
    MemberField,
    PositionForm,
    ReportBackForm,
    StepDownForm,
)
from groundwork.accountability.forms.recall import (
    ByElectionForm,
    RecallPetitionForm,
    TermChoiceField,
)
from groundwork.accountability.forms.register import (
    IMPORT_MAX_BYTES,
    FindRepresentativesForm,
    RegisterImportForm,
)

__all__ = [
    "PolicyEditForm",
    "StatementEditForm",
    "division_lines_text",
    "PledgeAnswerForm",
    "PledgeForm",
    "ALLIANCE",
    "AccountabilitySettingsForm",
    "AppointForm",
    "ByElectionForm",
    "CandidatesField",
    "DateInput",
    "ElectionForm",
    "EndTermForm",
    "FindRepresentativesForm",
    "IMPORT_MAX_BYTES",
    "LINE",
    "MandateForm",
    "MeetingForm",
    "MemberField",
    "ObjectiveLinkForm",
    "OnBehalfOf",
    "PolicyForm",
    "PositionForm",
    "RecallPetitionForm",
    "RegisterImportForm",
    "ReportBackForm",
    "StatementForm",
    "StepDownForm",
    "TermChoiceField",
    "parse_division_lines",
]

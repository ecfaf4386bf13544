"""Forms for correcting policies and statements: those that wrote them keep them, so the group
they were written for is not asked again. Mandates, meetings and pledges are corrected with the
forms that wrote them."""

from groundwork.accountability.forms.policies import PolicyForm, StatementForm
from groundwork.accountability.models import PolicyDivision


class PolicyEditForm(PolicyForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["on_behalf_of"]


class StatementEditForm(StatementForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["on_behalf_of"]


def division_lines_text(lines: list[PolicyDivision]) -> str:
    """A policy's divisions as the form writes them, one per line (strength only when strong)."""
    return "\n".join(
        f"{line.division.date.isoformat()} {line.division.number} {line.position}"
        + (" strong" if line.strength == PolicyDivision.Strength.STRONG else "")
        for line in lines
    )

"""Pledges and answers with domain verbs, for the tests."""

from datetime import date

from groundwork.accountability.models import Person, Pledge, PledgeAnswer, Policy


def ask_to_pledge(campaign, *, title="Keep the library open", policy: Policy | None = None):
    return Pledge.objects.create(
        campaign=campaign, title=title, text="I will vote to keep it open.", policy=policy
    )


def answer_pledge(
    pledge: Pledge, person: Person, status: str = "signed", *, on: date = date(2024, 1, 1)
) -> PledgeAnswer:
    """An answer recorded directly (evidence: a note), for tests."""
    return PledgeAnswer.objects.create(
        pledge=pledge,
        person=person,
        status=status,
        answered_on=on,
        evidence_note="" if status == "no_answer" else "Signed at the hustings.",
    )


def build_matrix_pledge(campaign, person: Person) -> Pledge:
    """For the permission matrix: a pledge of Riverside's active campaign, signed by `person`."""
    pledge = ask_to_pledge(campaign)
    answer_pledge(pledge, person)
    return pledge

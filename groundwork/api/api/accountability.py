"""Representatives, their scorecards against the alliance's policies, and pledges
(/api/v1/accountability/), read-only. The register and the scorecards are public, as their pages
are; a pledge, and a representative's answers to pledges, only where the caller may see the
campaign (`get_pledge_for`, `pledge_answers_for`)."""

from datetime import date, datetime
from typing import Any

from ninja import Field, Query, Router, Schema

from groundwork.accountability import queries
from groundwork.accountability.models import Person, Pledge, PledgeAnswer
from groundwork.api.backends import ApiRequest, reads
from groundwork.api.errors import CLIENT_ERRORS, Problem
from groundwork.api.pagination import CursorParams, page_of, paginate

router = Router(tags=["accountability"])

ERRORS: dict[int, Any] = dict.fromkeys(CLIENT_ERRORS, Problem)


class SeatOut(Schema):
    body: str
    area: str | None
    party: str
    start_date: date | None
    end_date: date | None
    end_reason: str

    @staticmethod
    def resolve_body(seat: Any) -> str:
        return seat.body.name

    @staticmethod
    def resolve_area(seat: Any) -> str | None:
        return seat.area.name if seat.area is not None else None


class RepresentativeOut(Schema):
    id: int
    name: str
    seats: list[SeatOut]
    url: str

    @staticmethod
    def resolve_seats(person: Person) -> list[Any]:
        return list(person.memberships.all())

    @staticmethod
    def resolve_url(person: Person, context: dict[str, Any]) -> str:
        return context["request"].build_absolute_uri(person.get_absolute_url())


class ScorecardOut(Schema):
    """How far the representative voted with one policy, over the divisions in their time."""

    policy: int
    title: str
    objectives: list[str]
    percent: int | None
    summary: str | None
    divisions_counted: int


class PledgeAnswerOut(Schema):
    pledge: int
    pledge_title: str
    status: str
    answered_on: date
    evidence_url: str
    evidence_note: str

    @staticmethod
    def resolve_pledge(answer: PledgeAnswer) -> int:
        return answer.pledge_id

    @staticmethod
    def resolve_pledge_title(answer: PledgeAnswer) -> str:
        return answer.pledge.title


class RepresentativeDetailOut(Schema):
    id: int
    name: str
    seats: list[SeatOut]
    url: str
    scorecards: list[ScorecardOut]
    pledges: list[PledgeAnswerOut]


class AnswerOut(Schema):
    representative: int
    name: str
    status: str
    answered_on: date
    evidence_url: str
    evidence_note: str


class PledgeOut(Schema):
    id: int
    campaign: int
    title: str
    text: str
    policy: int | None
    created_at: datetime
    answers: list[AnswerOut]


class RegisterSearch(Schema):
    q: str = Field("", max_length=200, pattern=r"^[^\x00]*$", description="Part of a name.")


@router.get(
    "/representatives",
    response={200: page_of(RepresentativeOut), **ERRORS},
    auth=reads("accountability"),
)
def list_representatives(
    request: ApiRequest, page: Query[CursorParams], search: Query[RegisterSearch]
) -> Any:
    """People in the register by name, with their seats, latest first; `q` finds by name."""
    return paginate(request, queries.representatives(search.q.strip()), page)


@router.get(
    "/representatives/{int:person_id}",
    response={200: RepresentativeDetailOut, **ERRORS},
    auth=reads("accountability"),
)
def get_representative(request: ApiRequest, person_id: int) -> Any:
    """One representative: seats, scorecards, and answers to pledges the caller may see."""
    person = queries.get_representative(person_id)
    record = queries.register_record_of(person)
    memberships = record.memberships
    return {
        "id": person.pk,
        "name": person.name,
        "seats": memberships,
        "url": request.build_absolute_uri(person.get_absolute_url()),
        "scorecards": [
            {
                "policy": row.policy_pk,
                "title": row.title,
                "objectives": list(row.objectives),
                "percent": row.percent,
                "summary": row.summary,
                "divisions_counted": row.counted,
            }
            for row in queries.scorecards_of(person, memberships)
        ],
        "pledges": queries.pledge_answers_for(request.auth, person),
    }


@router.get(
    "/pledges/{int:pledge_id}", response={200: PledgeOut, **ERRORS}, auth=reads("accountability")
)
def get_pledge(request: ApiRequest, pledge_id: int) -> Any:
    """A pledge of a campaign the caller may see, with every representative's answer, or 404."""
    pledge: Pledge = queries.get_pledge_for(request.auth, pledge_id)
    return {
        "id": pledge.pk,
        "campaign": pledge.campaign_id,
        "title": pledge.title,
        "text": pledge.text,
        "policy": pledge.policy_id,
        "created_at": pledge.created_at,
        "answers": [
            {
                "representative": answer.person_id,
                "name": answer.person.name,
                "status": answer.status,
                "answered_on": answer.answered_on,
                "evidence_url": answer.evidence_url,
                "evidence_note": answer.evidence_note,
            }
            for answer in queries.answers_to(pledge)
        ],
    }
